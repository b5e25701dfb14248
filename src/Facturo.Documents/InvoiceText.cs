using System.Globalization;
using Facturo.Accounts;
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
        Terms = "Conditions de paiement",
        DueOnReceipt = "payable sur réception",
        NetDays = "net {0} jours",
        TaxOn = "{0} sur {1}",
        OutsideCanadaOn = "{0}, sur {1}",
        TaxColumn = "Taxes",
        StatusLegend = "Taxes par ligne",
        Destination = "Destination",
        ExemptionCertificate = "Certificat d’exemption n°\u00A0{0}",
        OutsideCanadaReasons = new Dictionary<OutsideCanadaReason, string>
        {
            [OutsideCanadaReason.ExportedFreight] = "Détaxé\u00A0: fret exporté",
            [OutsideCanadaReason.ServiceToNonResident] = "Détaxé\u00A0: service à un non-résident",
            [OutsideCanadaReason.PropertyOutsideCanada] = "Fourni hors du Canada",
        },
        StatusNames = new Dictionary<char, string> { ['Z'] = "détaxé", ['X'] = "fourni hors du Canada", ['E'] = "certificat d’exemption", ['N'] = "sans taxe" },
        CategoryNames = new Dictionary<ChargeCategory, string>
        {
            [ChargeCategory.Shipping] = "Expédition de colis", [ChargeCategory.LetterMail] = "Poste-lettres", [ChargeCategory.DirectMail] = "Publicité directe",
            [ChargeCategory.Lease] = "Location d’équipement", [ChargeCategory.PaperFee] = "Frais de facture papier", [ChargeCategory.Other] = "Autres frais",
        },
        // The Translation Bureau's abbreviations (Clés de la rédaction, "Provinces et territoires du Canada").
        ProvinceNames = new Dictionary<Province, string>
        {
            [Province.AB] = "Alb.", [Province.BC] = "C.-B.", [Province.MB] = "Man.", [Province.NB] = "N.-B.", [Province.NL] = "T.-N.-L.",
            [Province.NS] = "N.-É.", [Province.NT] = "T.N.-O.", [Province.NU] = "Nt", [Province.ON] = "Ont.", [Province.PE] = "Î.-P.-É.",
            [Province.QC] = "Qc", [Province.SK] = "Sask.", [Province.YT] = "Yn",
        },
        CountryNames = new Dictionary<string, string> { ["US"] = "États-Unis" },
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
        Terms = "Terms",
        DueOnReceipt = "Due on receipt",
        NetDays = "Net {0} days",
        TaxOn = "{0} on {1}",
        OutsideCanadaOn = "{0}, on {1}",
        TaxColumn = "Tax",
        StatusLegend = "Taxes by line",
        Destination = "Destination",
        ExemptionCertificate = "Exemption certificate No. {0}",
        OutsideCanadaReasons = new Dictionary<OutsideCanadaReason, string>
        {
            [OutsideCanadaReason.ExportedFreight] = "Zero-rated: exported freight",
            [OutsideCanadaReason.ServiceToNonResident] = "Zero-rated: service to a non-resident",
            [OutsideCanadaReason.PropertyOutsideCanada] = "Supplied outside Canada",
        },
        StatusNames = new Dictionary<char, string> { ['Z'] = "zero-rated", ['X'] = "supplied outside Canada", ['E'] = "exemption certificate", ['N'] = "no tax" },
        CategoryNames = new Dictionary<ChargeCategory, string>
        {
            [ChargeCategory.Shipping] = "Parcel shipping", [ChargeCategory.LetterMail] = "Letter mail", [ChargeCategory.DirectMail] = "Direct mail",
            [ChargeCategory.Lease] = "Equipment lease", [ChargeCategory.PaperFee] = "Paper invoice fee", [ChargeCategory.Other] = "Other charges",
        },
        ProvinceNames = Enum.GetValues<Province>().ToDictionary(p => p, p => p.ToString()),
        CountryNames = new Dictionary<string, string> { ["US"] = "United States" },
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
    public required string Terms { get; init; }
    public required string DueOnReceipt { get; init; }
    public required string NetDays { get; init; }
    public required string TaxColumn { get; init; }
    public required string StatusLegend { get; init; }
    public required string Destination { get; init; }
    public required string TaxOn { get; init; }
    public required string OutsideCanadaOn { get; init; }
    public required string ExemptionCertificate { get; init; }
    public required IReadOnlyDictionary<OutsideCanadaReason, string> OutsideCanadaReasons { get; init; }
    public required IReadOnlyDictionary<char, string> StatusNames { get; init; }
    public required IReadOnlyDictionary<ChargeCategory, string> CategoryNames { get; init; }
    public required IReadOnlyDictionary<Province, string> ProvinceNames { get; init; }
    public required IReadOnlyDictionary<string, string> CountryNames { get; init; }

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

    /// <summary>fr "TPS 5 %", "TVH 14 % (N.-É.)", "TVQ 9,975 %"; en "GST 5%", "HST 14% (NS)", "QST 9.975%": an HST or a PST names its province.</summary>
    public string FormatTax(TaxAmount tax)
    {
        var label = $"{TaxNames[tax.Kind]} {(tax.Rate * 100m).ToString("0.###", Culture)}{PercentSuffix}";
        return tax.Kind is TaxKind.Hst or TaxKind.Pst && tax.Province is { } province ? $"{label} ({ProvinceNames[province]})" : label;
    }

    /// <summary>The tax, and what it was charged on when not every line bore it: "TVH 14 % (N.-É.) sur 50,00 $".</summary>
    public string FormatTax(TaxAmount tax, Money subtotal) =>
        tax.Base == subtotal ? FormatTax(tax) : string.Format(Culture, TaxOn, FormatTax(tax), FormatMoney(tax.Base));

    /// <summary>"Détaxé : fret exporté, sur 250,00 $", "Supplied outside Canada, on $80.00".</summary>
    public string FormatOutsideCanada(OutsideCanadaReason reason, Money taxable) =>
        string.Format(Culture, OutsideCanadaOn, OutsideCanadaReasons[reason], FormatMoney(taxable));

    /// <summary>"net 30 jours" / "Net 30 days", or "payable sur réception" / "Due on receipt".</summary>
    public string FormatTerms(DateOnly issueDate, DateOnly dueDate) => dueDate.DayNumber - issueDate.DayNumber is var days && days == 0
        ? DueOnReceipt
        : string.Format(Culture, NetDays, days);

    /// <summary>A province by its abbreviation ("N.-É.", "NS"), a country outside Canada by its name, or else its ISO code.</summary>
    public string FormatPlace(PlaceOfSupply place) => place.Province is { } province
        ? ProvinceNames[province]
        : CountryNames.GetValueOrDefault(place.Country, place.Country);

    public string FormatDestination(PlaceOfSupply place) => $"{Labelled(Destination)} {FormatPlace(place)}";

    public string FormatExemptionCertificates(IReadOnlyList<string> certificates) =>
        string.Format(Culture, ExemptionCertificate, string.Join(", ", certificates));

    /// <summary>The line's own description, or what its category is when it has none (the bill run's paper fee line).</summary>
    public string DescriptionOf(InvoicePdfLine line) =>
        string.IsNullOrWhiteSpace(line.Description) ? CategoryNames[line.Category] : line.Description;

    /// <summary>"Taxes par ligne : G = TPS 5 % · H = TVH 13 % (Ont.), TVH 14 % (N.-É.) · Z = détaxé".</summary>
    public string FormatLegend(SupplyStatuses statuses) =>
        Labelled(StatusLegend) + " " + string.Join(" · ", statuses.Legend.Select(code =>
            $"{code} = {(StatusNames.TryGetValue(code, out var name) ? name : string.Join(", ", statuses.TaxesOf(code).Select(FormatTax)))}"));
}
