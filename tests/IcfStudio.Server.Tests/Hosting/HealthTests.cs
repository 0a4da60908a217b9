using System.Net;
using Microsoft.AspNetCore.Mvc.Testing;

namespace IcfStudio.Server.Tests.Hosting;

public sealed class HealthTests
{
    [Fact]
    public async Task Health_Get_ReturnsOk()
    {
        await using var factory = new WebApplicationFactory<Program>();
        using var client = factory.CreateClient();
        var response = await client.GetAsync(new Uri("/health", UriKind.Relative), TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }
}
