using Facturo.Data;

namespace Facturo.Taxes;

/// <summary>
/// Sales tax as this biller applies it: the published taxability with the biller's own overrides
/// (<c>BillerTaxes.Rules.cs</c>), and each customer's place and exemption certificates
/// (<c>BillerTaxes.Customers.cs</c>). Everything that taxes a document asks here.
/// </summary>
public sealed partial class BillerTaxes(FacturoDbContext db);
