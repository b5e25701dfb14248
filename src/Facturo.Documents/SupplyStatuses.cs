using Facturo.Taxes;

namespace Facturo.Documents;

/// <summary>
/// The tax status of each supply on an invoice, so a customer claiming input tax credits can tell which line bore which
/// tax (Input Tax Credit Information (GST/HST) Regulations, s. 3; Revenu Québec, "Preparing Invoices"): a short code per
/// line, shown when the lines differ, the supplies outside Canada by reason, and where a line went when not to the
/// customer's address. Shared by the PDF and the portal page, so both say the same thing.
/// </summary>
public sealed class SupplyStatuses
{
    /// <summary>The codes in the order the legend lists them.</summary>
    public static readonly IReadOnlyList<char> LegendOrder = ['G', 'H', 'Q', 'P', 'Z', 'X', 'E', 'N'];

    private readonly InvoicePdfModel _invoice;
    private readonly Dictionary<int, string> _codes;

    private SupplyStatuses(InvoicePdfModel invoice)
    {
        _invoice = invoice;
        _codes = invoice.Lines.ToDictionary(l => l.LineNumber, l => CodeOf(l.Taxation));
        // Lines with the same taxes in different provinces differ too: an HST line to Nova Scotia is not at Ontario's rate.
        Differ = invoice.Lines.Select(l => (Code: _codes[l.LineNumber], l.Taxation.PlaceOfSupply)).Distinct().Count() > 1;
        Legend = LegendOrder.Where(c => _codes.Values.Any(codes => codes.Contains(c, StringComparison.Ordinal))).ToList();
        OutsideCanada = invoice.Lines
            .Where(l => l.Taxation.OutsideCanada is not null)
            .GroupBy(l => l.Taxation.OutsideCanada!.Value)
            .OrderBy(g => g.Key)
            .Select(g => (g.Key, Money.Sum(g.Select(l => l.Amount), invoice.Subtotal.Currency)))
            .ToList();
    }

    public static SupplyStatuses Of(InvoicePdfModel invoice) => new(invoice);

    /// <summary>Whether the lines do not all have the same status and place, so each line shows its code.</summary>
    public bool Differ { get; }

    /// <summary>The codes the invoice's lines use, in legend order.</summary>
    public IReadOnlyList<char> Legend { get; }

    /// <summary>The lines supplied outside Canada, summed by why they bear no Canadian tax.</summary>
    public IReadOnlyList<(OutsideCanadaReason Reason, Money Base)> OutsideCanada { get; }

    /// <summary>"GP": G, H, Q, P for each tax the line bears, Z zero-rated, X supplied outside Canada, E relieved by a certificate, N no tax.</summary>
    public string CodeOf(InvoicePdfLine line) => _codes[line.LineNumber];

    /// <summary>Where the line was supplied when that is not the customer's address (a parcel with a bill of lading goes where it is sent).</summary>
    public PlaceOfSupply? DestinationOf(InvoicePdfLine line) =>
        line.Taxation.PlaceOfSupply != _invoice.CustomerPlace ? line.Taxation.PlaceOfSupply : null;

    /// <summary>The invoice's taxes a code of a tax stands for: "H" may be Ontario's HST and Nova Scotia's.</summary>
    public IReadOnlyList<TaxAmount> TaxesOf(char code) => _invoice.Taxes.Where(t => KindCode(t.Kind) == code).ToList();

    private static string CodeOf(LineTaxation taxation)
    {
        var codes = string.Concat(taxation.Taxes.Select(t => t.Kind).Distinct().Order().Select(KindCode));
        codes += taxation.OutsideCanada switch
        {
            null => "",
            OutsideCanadaReason.PropertyOutsideCanada => "X",
            _ => "Z",
        };
        codes += taxation.ExemptionCertificates.Count > 0 ? "E" : "";
        return codes.Length > 0 ? codes : "N";
    }

    private static char KindCode(TaxKind kind) => kind switch
    {
        TaxKind.Gst => 'G',
        TaxKind.Hst => 'H',
        TaxKind.Qst => 'Q',
        TaxKind.Pst => 'P',
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, null),
    };
}
