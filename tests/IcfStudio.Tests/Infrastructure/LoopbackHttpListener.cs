using System.Net;
using System.Net.Sockets;

namespace IcfStudio.Tests.Infrastructure;

/// <summary>Starts an <see cref="HttpListener"/> on a free loopback port.</summary>
internal static class LoopbackHttpListener
{
    /// <summary>
    /// A port found free can be taken by another test before the listener binds it, so a failed start tries a new port.
    /// </summary>
    public static HttpListener Start(out string baseUrl)
    {
        for (var attempt = 1; ; attempt++)
        {
            var probe = new TcpListener(IPAddress.Loopback, 0);
            probe.Start();
            var port = ((IPEndPoint)probe.LocalEndpoint).Port;
            probe.Stop();

            var listener = new HttpListener();
            baseUrl = $"http://127.0.0.1:{port}";
            listener.Prefixes.Add(baseUrl + "/");
            try
            {
                listener.Start();
                return listener;
            }
            catch (HttpListenerException) when (attempt < 10)
            {
                listener.Close();
            }
        }
    }
}
