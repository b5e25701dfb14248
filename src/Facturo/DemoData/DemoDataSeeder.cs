using Facturo.Api;
using Facturo.Accounts;
using Facturo.Billing;
using Facturo.Data;
using Facturo.Ledger;
using Facturo.Orders;
using Facturo.Platform;
using Facturo.Portal;
using Microsoft.AspNetCore.Identity;
using Facturo.Taxes;
using Microsoft.EntityFrameworkCore;

namespace Facturo.DemoData;

/// <summary>
/// A biller with a dozen customers across provinces and both programs, three months of orders and
/// those months billed, so every screen has something true to show. Loads only into an empty database.
/// </summary>
public sealed class DemoDataSeeder(FacturoDbContext db, BillerClock clock, ILogger<BillRunner> billRunLog, UserManager<PortalUser> users, Invitations invitations, InvoiceReadyNotifier notifier,
    Staff.StaffSignIn staff)
{
    public const string DemoApiKey = "demo-facturo-integration-key";
    public const string DemoUserEmail = "demo@facturo.example";
    public const string DemoUserPassword = "Demo-Portal-2026";
    /// <summary>What demo databases made before the password policy refused the product's name were given; still a demo secret.</summary>
    public const string EarlierDemoUserPassword = "Demo-Facturo-2026";
    public const string DemoStaffEmail = "agent@facturo.example";
    public const string DemoStaffPassword = "Demo-Staff-2026";

    private static readonly (string Number, string Name, string Country, string Region, string City, string Postal, Language Language, BillingProgram Program, int Terms, DeliveryPreference Delivery, AccountStatus Status, string Currency)[] Customers =
    [
        ("1000001", "Imprimerie Laurentienne inc.", "CA", "QC", "Montréal", "H2X 1Y4", Language.Fr, BillingProgram.Commercial, 30, DeliveryPreference.Electronic, AccountStatus.Active, "CAD"),
        ("1000002", "Maritime Office Supply Ltd.", "CA", "NS", "Halifax", "B3H 1A1", Language.En, BillingProgram.Commercial, 30, DeliveryPreference.Paper, AccountStatus.Active, "CAD"),
        ("1000003", "Great Lakes Logistics Corp.", "CA", "ON", "Toronto", "M5V 2T6", Language.En, BillingProgram.Commercial, 15, DeliveryPreference.Electronic, AccountStatus.Active, "CAD"),
        ("1000004", "Pacific Coast Mailers Inc.", "CA", "BC", "Vancouver", "V6B 1A1", Language.En, BillingProgram.Commercial, 30, DeliveryPreference.Electronic, AccountStatus.Active, "CAD"),
        ("1000005", "Prairie Parcel Co.", "CA", "MB", "Winnipeg", "R3C 0A1", Language.En, BillingProgram.Commercial, 30, DeliveryPreference.Electronic, AccountStatus.Active, "CAD"),
        ("1000006", "Boutique Acadienne ltée", "CA", "NB", "Moncton", "E1C 1A1", Language.Fr, BillingProgram.SmallBusiness, 0, DeliveryPreference.Electronic, AccountStatus.Active, "CAD"),
        ("1000007", "Calgary Craft Goods", "CA", "AB", "Calgary", "T2P 1J9", Language.En, BillingProgram.SmallBusiness, 0, DeliveryPreference.Electronic, AccountStatus.Active, "CAD"),
        ("1000008", "Services postaux Québec Nord", "CA", "QC", "Québec", "G1R 4P5", Language.Fr, BillingProgram.Commercial, 15, DeliveryPreference.Paper, AccountStatus.Active, "CAD"),
        ("1000009", "Saskatoon Seed Supply", "CA", "SK", "Saskatoon", "S7K 1J5", Language.En, BillingProgram.Commercial, 30, DeliveryPreference.Electronic, AccountStatus.Active, "CAD"),
        ("1000010", "Atelier du Vieux-Port", "CA", "QC", "Montréal", "H2Y 1C6", Language.Fr, BillingProgram.Commercial, 30, DeliveryPreference.Electronic, AccountStatus.Cancelled, "CAD"),
        ("9000011", "Transition Holdings Ltd.", "CA", "ON", "Ottawa", "K1P 1J1", Language.En, BillingProgram.Commercial, 30, DeliveryPreference.Electronic, AccountStatus.Active, "CAD"),
        ("1000012", "Terre-Neuve Distribution", "CA", "NL", "St. John's", "A1C 1A1", Language.En, BillingProgram.Commercial, 30, DeliveryPreference.Electronic, AccountStatus.Active, "CAD"),
        // A US business billed in US dollars (it may pay by ACH debit from a US bank account): no Canadian tax on the services it buys.
        ("1000013", "Lakeshore Fulfillment LLC", "US", "NY", "Buffalo", "14202", Language.En, BillingProgram.Commercial, 30, DeliveryPreference.Electronic, AccountStatus.Active, "USD"),
    ];

    private static readonly (ChargeCategory Category, string Description, long UnitPriceCents)[] Products =
    [
        (ChargeCategory.Shipping, "Expedited Parcel / Colis accélérés", 1895),
        (ChargeCategory.Shipping, "Priority / Prioritaire", 3450),
        (ChargeCategory.Shipping, "Regular Parcel / Colis standard", 1275),
        (ChargeCategory.DirectMail, "Neighbourhood Mail / Courrier de quartier", 23),
        (ChargeCategory.DirectMail, "Personalized Mail / Poste-publicité personnalisée", 61),
        (ChargeCategory.Other, "Registered Mail option / Option courrier recommandé", 1150),
    ];

    public async Task<bool> LoadAsync(CancellationToken cancellationToken)
    {
        if (await db.BillerSettings.AnyAsync(cancellationToken))
        {
            return false;
        }
        var now = clock.UtcNow;
        db.BillerSettings.Add(DemoBiller());
        db.Add(new ApiKey { Name = "Demo integration", KeyHash = ApiKey.Hash(DemoApiKey), CreatedAt = now });
        await staff.CreateAsync(DemoStaffEmail, "Alex Agent", Staff.StaffRole.Administrator, DemoStaffPassword, cancellationToken);
        var accounts = Customers.Select(c => new CustomerAccount
        {
            CustomerNumber = c.Number,
            LegalName = c.Name,
            AddressLine1 = c.Country == PlaceOfSupply.CanadaCode ? "100 rue Principale / Main Street" : "100 Main Street",
            City = c.City,
            Country = c.Country,
            Region = c.Region,
            PostalCode = c.Postal,
            CurrencyCode = c.Currency,
            Language = c.Language,
            Program = c.Program,
            CreditTermsDays = c.Terms,
            Delivery = c.Delivery,
            Status = c.Status,
            BillingEmail = $"billing+{c.Number}@customer.example",
            CreatedAt = now,
        }).ToList();
        db.Accounts.AddRange(accounts);
        await db.SaveChangesAsync(cancellationToken);

        var random = new Random(20261123);
        var currentPeriod = BillingPeriod.Of(clock.Today);
        var firstPeriod = currentPeriod.Previous.Previous.Previous;
        var orders = new List<(CustomerAccount Account, Order Order)>();
        for (var period = firstPeriod; period <= currentPeriod; period = period.Next)
        {
            var lastDay = period == currentPeriod ? clock.Today : period.LastDay;
            foreach (var account in accounts.Where(a => a.Status == AccountStatus.Active))
            {
                var count = random.Next(2, 6);
                for (var n = 0; n < count; n++)
                {
                    orders.Add((account, NewOrder(account, period.FirstDay.AddDays(random.Next(0, lastDay.Day)), random, now)));
                }
            }
        }
        db.Orders.AddRange(orders.Select(o => o.Order));
        await db.SaveChangesAsync(cancellationToken);
        foreach (var (account, order) in orders)
        {
            RecordSettlement(account, order, now);
        }
        await db.SaveChangesAsync(cancellationToken);
        db.ChangeTracker.Clear();

        // Each past month billed on the 1st of the next, as the biller would have, so aging has overdue invoices to show.
        for (var period = firstPeriod; period < currentPeriod; period = period.Next)
        {
            var billingMorning = new DateTimeOffset(period.Next.FirstDay.ToDateTime(new TimeOnly(12, 0)), TimeSpan.Zero);
            var billingClock = new BillerClock(new FixedTime(billingMorning));
            var runner = new BillRunner(db, billingClock, new BillerTaxes(db), notifier, new Events.EventLog(db, billingClock), billRunLog);
            await runner.RunAsync(period, 500, null, cancellationToken);
        }
        await AddPortalUsersAsync(accounts, now, cancellationToken);
        return true;
    }

    /// <summary>A registered enterprise with two Quebec accounts, and a pending invitation for an Ontario one.</summary>
    private async Task AddPortalUsersAsync(IReadOnlyList<CustomerAccount> accounts, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var enterprise = new Enterprise { Name = "Imprimerie Laurentienne inc.", CreatedAt = now };
        db.Enterprises.Add(enterprise);
        await db.SaveChangesAsync(cancellationToken);
        foreach (var number in new[] { "1000001", "1000008" })
        {
            db.EnterpriseAccounts.Add(new EnterpriseAccount { EnterpriseId = enterprise.Id, AccountId = accounts.Single(a => a.CustomerNumber == number).Id, LinkedAt = now });
        }
        await db.SaveChangesAsync(cancellationToken);
        var user = new PortalUser
        {
            UserName = DemoUserEmail,
            Email = DemoUserEmail,
            EmailConfirmed = true,
            EnterpriseId = enterprise.Id,
            Role = PortalRole.Admin,
            FullName = "Marie Tremblay",
            Language = Language.Fr,
            SecurityQuestion1 = "birth-city",
            SecurityAnswer1Hash = "",
            SecurityQuestion2 = "first-pet",
            SecurityAnswer2Hash = "",
            CreatedAt = now,
        };
        user.SecurityAnswer1Hash = SecurityQuestions.Hash(user, "Montréal");
        user.SecurityAnswer2Hash = SecurityQuestions.Hash(user, "Minou");
        var created = await users.CreateAsync(user, DemoUserPassword);
        if (!created.Succeeded)
        {
            throw new InvalidOperationException(string.Join("; ", created.Errors.Select(e => e.Description)));
        }
        await invitations.InviteAsync("1000003", "logistics@customer.example", PortalRole.Admin, Language.En, null, cancellationToken);
    }

    /// <summary>A made-up biller: its tax numbers and bank identity belong to nobody (the GST/HST number fails the CRA's check digit on purpose).</summary>
    internal static BillerSettings DemoBiller() => new()
    {
        LegalName = "Postes Facturo / Facturo Post",
        LegalNameEn = "Postes Facturo / Facturo Post",
        AddressLine1 = "100 rue Principale / Main Street",
        City = "Ottawa",
        Province = Province.ON,
        PostalCode = "K1A 0B1",
        GstHstNumber = "123456789 RT0001",
        QstNumber = "1234567890 TQ0001",
        SupportPhone = "1-800-267-7651",
        SupportEmail = "facturation@facturo.example",
        SupportHoursFr = "Du lundi au vendredi, de 8 h à 17 h (heure de l'Est)",
        SupportHoursEn = "Monday to Friday, 8 a.m. to 5 p.m. Eastern",
        Cpa005OriginatorId = "0123456789",
        Cpa005ShortName = "FACTURO POST",
        Cpa005LongName = "Postes Facturo / Facturo Post",
        Cpa005DataCentre = "00310",
        Cpa005ReturnInstitution = "815",
        Cpa005ReturnTransit = "30800",
        Cpa005ReturnAccount = "100200300",
        NachaImmediateDestination = "011000015",
        NachaDestinationName = "FEDERAL RESERVE BANK",
        NachaImmediateOrigin = "011000015",
        NachaOriginName = "FACTURO POST",
        NachaCompanyName = "FACTURO POST",
        NachaCompanyIdentification = "1234567890",
        NachaOriginatingDfi = "011000015",
    };

    private static Order NewOrder(CustomerAccount account, DateOnly date, Random random, DateTimeOffset now)
    {
        var currency = account.Currency;
        var lines = Enumerable.Range(1, random.Next(1, 4)).Select(lineNumber =>
        {
            var product = Products[random.Next(Products.Length)];
            var quantity = product.Category == ChargeCategory.DirectMail ? random.Next(200, 2000) : random.Next(1, 20);
            var unitPrice = new Money(product.UnitPriceCents, currency);
            return new OrderLine
            {
                LineNumber = lineNumber,
                Category = product.Category,
                Description = product.Description,
                Quantity = quantity,
                UnitPriceCents = unitPrice.Cents,
                AmountCents = InvoiceGenerator.LineAmount(unitPrice, quantity).Cents,
            };
        }).ToList();
        var method = account.Program == BillingProgram.Commercial ? PaymentMethod.OnAccount : (random.Next(3) == 0 ? PaymentMethod.SupplierAccount : PaymentMethod.Card);
        var subtotal = lines.Sum(l => l.AmountCents);
        var order = new Order
        {
            AccountId = account.Id,
            Channel = (OrderChannel)random.Next(Enum.GetValues<OrderChannel>().Length),
            PaymentMethod = method,
            PlacedAt = now,
            OrderDate = date,
            CurrencyCode = account.CurrencyCode,
            SubtotalCents = subtotal,
            Lines = lines,
        };
        order.TaxCents = method == PaymentMethod.OnAccount ? 0 : TaxesOf(account, order).Sum(t => t.Amount.Cents);
        return order;
    }

    /// <summary>On account: charges for the next invoice. Paid at creation: the history a small business had before this system took card payments itself.</summary>
    private void RecordSettlement(CustomerAccount account, Order order, DateTimeOffset now)
    {
        if (order.PaymentMethod == PaymentMethod.OnAccount)
        {
            db.Charges.AddRange(order.Lines.Select(line => new Charge
            {
                AccountId = account.Id,
                OrderId = order.Id,
                Category = line.Category,
                Description = line.Description,
                Quantity = line.Quantity,
                UnitPriceCents = line.UnitPriceCents,
                AmountCents = line.AmountCents,
                CurrencyCode = account.CurrencyCode,
                ServiceDate = order.OrderDate,
                CreatedAt = now,
            }));
            return;
        }
        var subtotal = new Money(order.SubtotalCents, account.Currency);
        db.LedgerPostings.Add(LedgerPosting.From(BillingPostings.ForOrderPaidAtCreation(account.Id, order.Id, $"ORDER-{order.Id}", order.OrderDate, subtotal, TaxesOf(account, order), order.PaymentMethod), now));
    }

    private static IReadOnlyList<TaxAmount> TaxesOf(CustomerAccount account, Order order) =>
        SalesTax.Canada.Compute(new TaxCustomer(account.Address.PlaceOfSupply, []), order.TaxableLines(), order.OrderDate, account.Currency).Taxes;
}

/// <summary>A clock stopped at one instant, for billing past months as of the day they were billed.</summary>
internal sealed class FixedTime(DateTimeOffset instant) : TimeProvider
{
    public override DateTimeOffset GetUtcNow() => instant;
}
