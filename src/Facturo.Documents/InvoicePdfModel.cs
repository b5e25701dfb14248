namespace Facturo.Documents;

/// <summary>Everything printed on an invoice, already computed: the renderer formats, it never calculates.</summary>
public sealed record InvoicePdfModel(
    string InvoiceNumber,
    DateOnly IssueDate,
    DateOnly DueDate,
    string Period,
    string BillerLegalName,
    string BillerGstHstNumber,
    string? BillerQstNumber,
    string SupportPhone,
    string SupportEmail,
    string CustomerNumber,
    string CustomerLegalName,
    string CustomerAddress,
    IReadOnlyList<InvoicePdfLine> Lines,
    IReadOnlyList<InvoicePdfTax> Taxes,
    Money Subtotal,
    Money Total);

public sealed record InvoicePdfLine(int LineNumber, string Description, decimal Quantity, Money UnitPrice, Money Amount);

/// <summary>A tax line: <paramref name="Kind"/> is GST, HST, QST or PST; <paramref name="Rate"/> a fraction (0.05 for 5 %).</summary>
public sealed record InvoicePdfTax(string Kind, decimal Rate, Money Amount);
