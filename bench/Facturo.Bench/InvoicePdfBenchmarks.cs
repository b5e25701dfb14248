using BenchmarkDotNet.Attributes;
using Facturo.Documents;

namespace Facturo.Bench;

[MemoryDiagnoser]
public class InvoicePdfBenchmarks
{
    private InvoicePdfModel _invoice = null!;
    private InvoicePdfModel _withoutAccentedCapitals = null!;

    [Params(10, 120)]
    public int Lines { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _invoice = SampleInvoices.Quebec(Lines);
        _withoutAccentedCapitals = _invoice with { CustomerLegalName = "Boulangerie Saint-Eloi ltee" };
    }

    [Benchmark(Baseline = true)]
    public byte[] Skia() => InvoicePdf.Render(_invoice, DocumentLanguage.French);

    /// <summary>English only: PdfPig cannot subset the accented capitals of our font (FACTURÉ À, Saint-Éloi).</summary>
    [Benchmark]
    public byte[] PdfPigSubsetEnglish() => PdfPigInvoicePdf.Render(_withoutAccentedCapitals, DocumentLanguage.English);

    [Benchmark]
    public byte[] PdfPigFullFont() => PdfPigInvoicePdf.RenderWithFullFont(_invoice, DocumentLanguage.French);
}
