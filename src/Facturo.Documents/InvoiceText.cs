using System.Globalization;
using Facturo.Billing;
using Facturo.Taxes;

namespace Facturo.Documents;

/// <summary>Every word printed on an invoice, in French and English, and how numbers and dates are written.</summary>
public sealed class InvoiceText
{
    private const char Nbsp = '\u00A0';

    public static readonly InvoiceText French = new()
    {
        Culture = CultureInfo.GetCultureInfo("fr-CA"),
        Title = "FACTURE",
        InvoiceNumber = "N° de facture",
        IssueDate = "Date de la facture",
        DueDate = "Date d’échéance",
        Period = "Période de facturation",
        GstHstNumber = "N° d’inscription TPS/TVH",
        QstNumber = "N° d’inscription TVQ",
        BillTo = "FACTURÉ À",
        CustomerNumber = "N° de client",
        LineNumber = "N°",
        Description = "Description",
        Quantity = "Qté",
        UnitPrice = "Prix unitaire",
        Amount = "Montant",
        Subtotal = "Sous-total",
        Total = "Total",
        AmountDueBy = "Montant dû le {0}",
        Payment = "Paiement\u00A0: veuillez indiquer le numéro de client {0} et le numéro de facture {1} avec votre paiement. Les paiements reçus après la date d’échéance peuvent entraîner des frais.",
        Support = "Questions sur votre facture\u00A0: {0} – {1}",
        PageOf = "Page {0} de {1}",
        Continued = "Facture {0} (suite)",
        TaxNames = new Dictionary<TaxKind, string> { [TaxKind.Gst] = "TPS", [TaxKind.Hst] = "TVH", [TaxKind.Qst] = "TVQ", [TaxKind.Pst] = "TVP" },
        ColonSpacing = Nbsp + ":",
        PercentSuffix = Nbsp + "%",
        DatePattern = "d MMMM yyyy",
        FirstOfMonth = "1er",
    };

    public static readonly InvoiceText English = new()
    {
        Culture = CultureInfo.GetCultureInfo("en-CA"),
        Title = "INVOICE",
        InvoiceNumber = "Invoice No.",
        IssueDate = "Invoice date",
        DueDate = "Due date",
        Period = "Billing period",
        GstHstNumber = "GST/HST No.",
        QstNumber = "QST No.",
        BillTo = "BILL TO",
        CustomerNumber = "Customer No.",
        LineNumber = "#",
        Description = "Description",
        Quantity = "Qty",
        UnitPrice = "Unit price",
        Amount = "Amount",
        Subtotal = "Subtotal",
        Total = "Total",
        AmountDueBy = "Amount due by {0}",
        Payment = "Payment: please quote customer number {0} and invoice number {1} with your payment. Payments received after the due date may incur charges.",
        Support = "Billing questions: {0} – {1}",
        PageOf = "Page {0} of {1}",
        Continued = "Invoice {0} (continued)",
        TaxNames = new Dictionary<TaxKind, string> { [TaxKind.Gst] = "GST", [TaxKind.Hst] = "HST", [TaxKind.Qst] = "QST", [TaxKind.Pst] = "PST" },
        ColonSpacing = ":",
        PercentSuffix = "%",
        DatePattern = "MMMM d, yyyy",
    };

    public required CultureInfo Culture { get; init; }
    public required string Title { get; init; }
    public required string InvoiceNumber { get; init; }
    public required string IssueDate { get; init; }
    public required string DueDate { get; init; }
    public required string Period { get; init; }
    public required string GstHstNumber { get; init; }
    public required string QstNumber { get; init; }
    public required string BillTo { get; init; }
    public required string CustomerNumber { get; init; }
    public required string LineNumber { get; init; }
    public required string Description { get; init; }
    public required string Quantity { get; init; }
    public required string UnitPrice { get; init; }
    public required string Amount { get; init; }
    public required string Subtotal { get; init; }
    public required string Total { get; init; }
    public required string AmountDueBy { get; init; }
    public required string Payment { get; init; }
    public required string Support { get; init; }
    public required string PageOf { get; init; }
    public required string Continued { get; init; }
    public required IReadOnlyDictionary<TaxKind, string> TaxNames { get; init; }

    /// <summary>French puts a non-breaking space before a colon or a percent sign; English does not.</summary>
    private string ColonSpacing { get; init; } = ":";
    private string PercentSuffix { get; init; } = "%";
    private string DatePattern { get; init; } = "d";

    /// <summary>French writes the first day of a month as an ordinal: "1er novembre 2026".</summary>
    private string? FirstOfMonth { get; init; }

    public static InvoiceText For(DocumentLanguage language) => language switch
    {
        DocumentLanguage.French => French,
        DocumentLanguage.English => English,
        _ => throw new ArgumentOutOfRangeException(nameof(language), language, null),
    };

    public string Labelled(string label) => label + ColonSpacing;

    public string FormatMoney(Money amount) => amount.Format(Culture);

    public string FormatQuantity(decimal quantity) => quantity.ToString("#,##0.###", Culture);

    /// <summary>fr-CA "15 novembre 2026" (and "1er novembre 2026"), en-CA "November 15, 2026".</summary>
    public string FormatDate(DateOnly date) => date.Day == 1 && FirstOfMonth is { } first
        ? first + " " + date.ToString("MMMM yyyy", Culture)
        : date.ToString(DatePattern, Culture);

    /// <summary>"2026-11" becomes "novembre 2026" or "November 2026".</summary>
    public string FormatPeriod(string period) => BillingPeriod.TryParse(period, out var parsed)
        ? parsed.Value.FirstDay.ToString("MMMM yyyy", Culture)
        : throw new ArgumentException($"'{period}' is not a billing period (YYYY-MM).", nameof(period));

    /// <summary>fr "TPS (5 %)", "TVQ (9,975 %)"; en "GST (5%)", "QST (9.975%)".</summary>
    public string FormatTax(TaxAmount tax) => $"{TaxNames[tax.Kind]} ({(tax.Rate * 100m).ToString("0.###", Culture)}{PercentSuffix})";
}
