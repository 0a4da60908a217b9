using SampleProtocolGenerator;

// Generates samples/cardio-protocol.pdf and .docx from samples/cardio-protocol.md.
// Usage: dotnet run --project tools/SampleProtocolGenerator -- [samples-folder]
var folder = args.Length > 0 ? args[0] : Path.Combine(Directory.GetCurrentDirectory(), "samples");
var source = Path.Combine(folder, "cardio-protocol.md");
var elements = SampleMarkdown.Read(source);

PdfWriter.Configure();
using var writer = new PdfWriter();
var pages = writer.Write(elements, Path.Combine(folder, "cardio-protocol.pdf"));
DocxWriter.Write(elements, Path.Combine(folder, "cardio-protocol.docx"));
Console.WriteLine($"Wrote cardio-protocol.pdf ({pages} pages) and cardio-protocol.docx from {source}");
