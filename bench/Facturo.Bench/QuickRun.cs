using System.Diagnostics;
using System.Globalization;
using Facturo.Documents;
using UglyToad.PdfPig;

namespace Facturo.Bench;

/// <summary>
/// <c>--quick</c>: renders N invoices in a loop on one thread and prints PDFs/s and the average size, then checks with
/// PdfPig that the text extracts (amounts and accents) and writes a French and an English sample to BenchmarkDotNet.Artifacts/quick/.
/// </summary>
internal static class QuickRun
{
    // Ignored by git, like BenchmarkDotNet's own reports.
    private const string OutputFolder = "BenchmarkDotNet.Artifacts/quick";

    public static void Run(string engine, int count, int lineCount)
    {
        var invoice = SampleInvoices.Quebec(lineCount);
        DocumentLanguage[] languages = [DocumentLanguage.French, DocumentLanguage.English];
        Func<InvoicePdfModel, DocumentLanguage, byte[]> render = InvoicePdf.Render;
        switch (engine)
        {
            case "skia":
                break;
            case "pdfpig-fullfont":
                render = PdfPigInvoicePdf.RenderWithFullFont;
                break;
            case "pdfpig":
                // PdfPig cannot subset the accented capitals of our font (FACTURÉ À, Saint-Éloi): time English without them.
                render = PdfPigInvoicePdf.Render;
                invoice = invoice with { CustomerLegalName = "Boulangerie Saint-Eloi ltee" };
                languages = [DocumentLanguage.English];
                break;
            default:
                throw new ArgumentException($"Unknown engine '{engine}': skia, pdfpig or pdfpig-fullfont.");
        }
        for (var i = 0; i < 20; i++)
        {
            render(invoice, languages[0]);
        }

        long bytes = 0;
        var gcBefore = GC.CollectionCount(0);
        var watch = Stopwatch.StartNew();
        for (var i = 0; i < count; i++)
        {
            bytes += render(invoice, languages[i % languages.Length]).Length;
        }
        watch.Stop();

        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{engine}: {count} invoices x {lineCount} lines in {watch.Elapsed.TotalSeconds:0.00} s = {count / watch.Elapsed.TotalSeconds:0} PDFs/s (1 thread), "
            + $"average {bytes / count:N0} bytes, gen0 GCs {GC.CollectionCount(0) - gcBefore}"));
        Directory.CreateDirectory(OutputFolder);
        foreach (var (language, code, culture) in new[] { (DocumentLanguage.French, "fr", "fr-CA"), (DocumentLanguage.English, "en", "en-CA") })
        {
            try
            {
                var pdf = render(invoice, language);
                File.WriteAllBytes(Path.Combine(OutputFolder, $"invoice-{engine}-{lineCount}-{code}.pdf"), pdf);
                Console.WriteLine($"  {code}: {Describe(pdf, invoice.Total.Format(CultureInfo.GetCultureInfo(culture)), [invoice.CustomerLegalName, "Montréal", "Québec"])}");
            }
            catch (ArgumentException e)
            {
                Console.WriteLine($"  {code}: fails: {e.GetType().Name}: {e.Message}");
            }
        }
    }

    private static string Describe(byte[] pdf, string total, string[] accented)
    {
        using var document = PdfDocument.Open(pdf);
        var last = document.GetPage(document.NumberOfPages);
        var text = Normalise(string.Join(" ", last.GetWords().Select(w => w.Text)));
        var fonts = string.Join(", ", last.Letters.Select(l => l.FontName).Distinct());
        return $"{pdf.Length:N0} bytes, {document.NumberOfPages} page(s), fonts [{fonts}], "
            + $"total \"{total}\" found: {text.Contains(Normalise(total), StringComparison.Ordinal)}, "
            + $"\"{string.Join("\", \"", accented)}\" found: {accented.All(Normalise(string.Join(" ", document.GetPages().SelectMany(p => p.GetWords()).Select(w => w.Text))).Contains)}";
    }

    private static string Normalise(string text) => text.Replace('\u00A0', ' ').Replace('\u202F', ' ');
}
