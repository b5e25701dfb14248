using Facturo.Billing;
using Facturo.Taxes;

namespace Facturo.Documents;

/// <summary>
/// Everything printed on an invoice, already computed: the renderer formats, it never calculates.
/// <paramref name="CustomerPlace"/> is where the customer's address is, so a line supplied elsewhere shows where.
/// </summary>
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
    PlaceOfSupply CustomerPlace,
    IReadOnlyList<InvoicePdfLine> Lines,
    IReadOnlyList<TaxAmount> Taxes,
    Money Subtotal,
    Money Total);

/// <summary>A line as billed, and how it was taxed: where it was supplied, the taxes it bore, and why it bore no other.</summary>
public sealed record InvoicePdfLine(int LineNumber, ChargeCategory Category, string Description, decimal Quantity, Money UnitPrice, Money Amount, LineTaxation Taxation);
