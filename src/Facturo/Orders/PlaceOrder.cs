using Facturo.Accounts;
using Facturo.Api;
using Facturo.Billing;
using Facturo.Data;
using Facturo.Platform;
using Facturo.Taxes;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using MaxLength = System.ComponentModel.DataAnnotations.MaxLengthAttribute;
using Range = System.ComponentModel.DataAnnotations.RangeAttribute;

namespace Facturo.Orders;

/// <summary>
/// <paramref name="ExternalReference"/>: the caller's own id for the order; a retry with the same reference and content answers with
/// the order already placed, and other content under a used reference is refused. <paramref name="Currency"/>: when given, the account's.
/// The maximum lengths in the attributes are the ones <see cref="PlaceOrder.Validate"/> enforces; the OpenAPI document shows them.
/// </summary>
public sealed record PlaceOrderRequest(
    [property: MaxLength(PlaceOrder.MaximumNameLength)] string? CustomerNumber,
    [property: MaxLength(PlaceOrder.MaximumNameLength)] string? Channel,
    [property: MaxLength(PlaceOrder.MaximumNameLength)] string? PaymentMethod,
    [property: MaxLength(PlaceOrder.MaximumReferenceLength)] string? ExternalReference,
    [property: MaxLength(PlaceOrder.MaximumLines)] IReadOnlyList<PlaceOrderLine>? Lines,
    PlaceOrderCard? Card = null,
    [property: MaxLength(PlaceOrder.MaximumNameLength)] string? SupplierAccount = null,
    [property: MaxLength(3)] string? Currency = null);

/// <summary>Passed to the card processor once; only its token, the brand, the last four digits and the expiry are kept.</summary>
public sealed record PlaceOrderCard(
    [property: MaxLength(PlaceOrder.MaximumNameLength)] string? Number,
    [property: Range(1, 12)] int ExpiryMonth,
    [property: Range(2000, 2100)] int ExpiryYear,
    [property: MaxLength(4)] string? Cvc);

/// <summary>
/// A parcel (Shipping) may say where it goes: a province, or a country outside Canada; it is then taxed there.
/// <paramref name="UnitPrice"/> is an amount string in the account's currency; <paramref name="Quantity"/> a JSON number, at most four decimals.
/// </summary>
public sealed record PlaceOrderLine(
    [property: MaxLength(PlaceOrder.MaximumNameLength)] string? Category,
    [property: MaxLength(PlaceOrder.MaximumDescriptionLength)] string? Description,
    decimal Quantity,
    ApiAmount? UnitPrice,
    [property: MaxLength(PlaceOrder.MaximumNameLength)] string? DestinationProvince = null,
    [property: MaxLength(PlaceOrder.MaximumNameLength)] string? DestinationCountry = null);

public sealed record PlacedOrder(long OrderId, string CustomerNumber, string Channel, string PaymentMethod, string? ExternalReference, DateOnly OrderDate, string Currency,
    decimal Subtotal, string Settlement, decimal Taxes = 0, decimal Total = 0, string? PaidWith = null);

/// <summary>
/// Records an order from a channel. On account, it becomes charges on the account's next invoice —
/// for commercial accounts only: a small-business account is refused with the reason and what to do
/// instead, and nothing is recorded. Paid at creation, by card (through the card gateway) or by the
/// postage-meter supplier's account, it is taxed, settled and posted at once. Each channel allows
/// only some payment methods.
/// </summary>
public sealed partial class PlaceOrder(FacturoDbContext db, BillerClock clock, BillerTaxes billerTaxes, Payments.ICardGateway cards, ILogger<PlaceOrder> logger)
{
    public const int MaximumLines = 500;
    public const int MaximumDescriptionLength = 200;
    public const int MaximumReferenceLength = 64;
    /// <summary>Customer numbers, channels, categories, payment methods, places, card and supplier numbers: all far shorter.</summary>
    public const int MaximumNameLength = 40;
    private const long MaximumUnitPriceCents = 10_000_000_00;

    public async Task<Outcome<PlacedOrder>> HandleAsync(PlaceOrderRequest request, CancellationToken cancellationToken)
    {
        if (Validate(request) is { } invalid)
        {
            return invalid;
        }
        var channel = Enum.Parse<OrderChannel>(request.Channel!, ignoreCase: true);
        var method = ParsePaymentMethod(request.PaymentMethod)!.Value;
        if (!Accounts.CustomerNumber.TryParse(request.CustomerNumber, out var number))
        {
            return UserError.NotFound("account.not-found", request.CustomerNumber ?? "");
        }
        var account = await db.Accounts.AsNoTracking().SingleOrDefaultAsync(a => a.CustomerNumber == number.Value.Value, cancellationToken);
        if (account is null)
        {
            return UserError.NotFound("account.not-found", number.Value.Value);
        }
        if (account.Status == AccountStatus.Cancelled)
        {
            var biller = await db.SetUpBillerAsync(cancellationToken);
            return biller.Succeeded ? UserError.Validation("account.cancelled", account.CustomerNumber, biller.Value!.SupportPhone) : biller.Error!;
        }
        if (request.Currency is { } currency && currency != account.CurrencyCode)
        {
            return UserError.Validation("order.currency-not-the-accounts", currency, account.CustomerNumber, account.CurrencyCode);
        }
        var settlement = OrderRules.Settle(account.Program, method);
        if (settlement == OrderSettlement.RefusedOnAccountNotAllowed)
        {
            return UserError.Validation("order.on-account-not-allowed", account.CustomerNumber);
        }
        var order = BuildOrder(request, account, channel, method);
        if (request.ExternalReference is { } reference
            && await db.Orders.AsNoTracking().Include(o => o.Lines).SingleOrDefaultAsync(o => o.AccountId == account.Id && o.ExternalReference == reference, cancellationToken) is { } earlier)
        {
            // A retry of an order already placed answers with it and the card is not charged again; other content under a used
            // reference is the caller's mistake, which answering with the old order would hide.
            return IsRetryOf(earlier, order, request) ? ToResult(earlier, account) : UserError.Validation("order.reference-reused", reference);
        }
        if (settlement == OrderSettlement.PayAtCreation)
        {
            return await PayAtCreationAsync(request, account, order, cancellationToken);
        }
        // Joins the API call's transaction (ApiWrites), so the order commits with its audit entry and idempotent answer.
        return await db.InTransactionAsync(async () =>
        {
            db.Orders.Add(order);
            await db.SaveChangesAsync(cancellationToken);
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
                Destination = line.Destination,
                CreatedAt = order.PlacedAt,
            }));
            await db.SaveChangesAsync(cancellationToken);
            return (Outcome<PlacedOrder>)ToResult(order, account);
        }, cancellationToken);
    }

    private async Task<Outcome<PlacedOrder>> PayAtCreationAsync(PlaceOrderRequest request, CustomerAccount account, Order order, CancellationToken cancellationToken)
    {
        var subtotal = new Money(order.SubtotalCents, account.Currency);
        var salesTax = await billerTaxes.SalesTaxAsync(cancellationToken);
        var customer = (await billerTaxes.CustomersAsync([account], order.OrderDate, cancellationToken))[account.Id];
        var taxes = salesTax.Compute(customer, order.TaxableLines(), order.OrderDate, account.Currency).Taxes;
        order.TaxCents = taxes.Sum(t => t.Amount.Cents);
        if (order.PaymentMethod == PaymentMethod.SupplierAccount)
        {
            order.SupplierAccountNumber = request.SupplierAccount!.Trim().ToUpperInvariant();
        }
        else
        {
            var card = request.Card!;
            var digits = Payments.CardNumber.Digits(card.Number)!;
            var charged = await cards.ChargeAsync(new Payments.CardCharge(digits, card.ExpiryMonth, card.ExpiryYear, card.Cvc!.Trim(),
                new Money(order.TotalCents, account.Currency), $"{account.CustomerNumber}/{request.ExternalReference}"), cancellationToken);
            if (!charged.Approved)
            {
                return UserError.Validation($"order.card-{charged.Decline!.Value.ToString().ToLowerInvariant()}");
            }
            order.CardToken = charged.Token;
            order.CardBrand = Payments.CardNumber.BrandOf(digits).ToString();
            order.CardLast4 = digits[^4..];
            order.CardExpiry = $"{card.ExpiryMonth:D2}/{card.ExpiryYear}";
            order.CardAuthorizationCode = charged.AuthorizationCode;
        }
        try
        {
            await db.InTransactionAsync(async () =>
            {
                db.Orders.Add(order);
                await db.SaveChangesAsync(cancellationToken);
                db.LedgerPostings.Add(Ledger.LedgerPosting.From(BillingPostings.ForOrderPaidAtCreation(account.Id, order.Id, $"ORDER-{order.Id}", order.OrderDate, subtotal, taxes, order.PaymentMethod), clock.UtcNow));
                await db.SaveChangesAsync(cancellationToken);
                return (Outcome<Order>)order;
            }, cancellationToken);
        }
        catch (Exception failure) when (order.CardToken is { } token)
        {
            // The card was charged for an order that is not saved: give the money back before anything else.
            try
            {
                await cards.VoidAsync(token, CancellationToken.None);
            }
            catch (Exception voidFailure)
            {
                // The charge stands and only this log knows it: staff refund it from the processor's dashboard.
                LogVoidFailed(voidFailure, token, account.CustomerNumber, order.TotalCents);
                throw;
            }
            if (failure is DbUpdateException && request.ExternalReference is { } reference)
            {
                // A twin request with the same reference saved the order first: that order is the answer.
                db.ChangeTracker.Clear();
                var twin = await db.Orders.AsNoTracking().Include(o => o.Lines).SingleOrDefaultAsync(o => o.AccountId == account.Id && o.ExternalReference == reference, cancellationToken);
                if (twin is not null)
                {
                    return ToResult(twin, account);
                }
            }
            throw;
        }
        return ToResult(order, account);
    }

    [LoggerMessage(Level = LogLevel.Critical, Message = "Card charge {Token} for account {CustomerNumber} ({TotalCents} cents) could not be voided after its order failed to save: refund it by hand")]
    private partial void LogVoidFailed(Exception exception, string token, string customerNumber, long totalCents);

    private Order BuildOrder(PlaceOrderRequest request, CustomerAccount account, OrderChannel channel, PaymentMethod method)
    {
        var currency = account.Currency;
        var lines = request.Lines!.Select((l, i) =>
        {
            var unitPrice = l.UnitPrice!.Value.In(currency);
            return new OrderLine
            {
                LineNumber = i + 1,
                Category = Enum.Parse<ChargeCategory>(l.Category!, ignoreCase: true),
                Description = l.Description!.Trim(),
                Quantity = l.Quantity,
                UnitPriceCents = unitPrice.Cents,
                AmountCents = InvoiceGenerator.LineAmount(unitPrice, l.Quantity).Cents,
                Destination = DestinationOf(l)?.Code,
            };
        }).ToList();
        return new Order
        {
            AccountId = account.Id,
            Channel = channel,
            PaymentMethod = method,
            ExternalReference = request.ExternalReference,
            PlacedAt = clock.UtcNow,
            OrderDate = clock.Today,
            CurrencyCode = account.CurrencyCode,
            SubtotalCents = lines.Sum(l => l.AmountCents),
            Lines = lines,
        };
    }

    /// <summary>The same content as the order placed earlier: what the lines charge, and how it is paid (for a card, its last digits and expiry).</summary>
    private static bool IsRetryOf(Order earlier, Order order, PlaceOrderRequest request) =>
        earlier.Channel == order.Channel
        && earlier.PaymentMethod == order.PaymentMethod
        && earlier.Lines.OrderBy(l => l.LineNumber).Select(l => (l.Category, l.Description, l.Quantity, l.UnitPriceCents, l.Destination))
            .SequenceEqual(order.Lines.Select(l => (l.Category, l.Description, l.Quantity, l.UnitPriceCents, l.Destination)))
        && earlier.SupplierAccountNumber == request.SupplierAccount?.Trim().ToUpperInvariant()
        && earlier.CardLast4 == Payments.CardNumber.Digits(request.Card?.Number)?[^4..]
        && earlier.CardExpiry == (request.Card is { } card ? $"{card.ExpiryMonth:D2}/{card.ExpiryYear}" : null);

    private static PlacedOrder ToResult(Order order, CustomerAccount account) => new(
        order.Id, account.CustomerNumber, order.Channel.ToString(), order.PaymentMethod.ToString(), order.ExternalReference, order.OrderDate,
        order.CurrencyCode, order.SubtotalCents / 100m,
        (order.PaymentMethod == PaymentMethod.OnAccount ? OrderSettlement.BillOnNextInvoice : OrderSettlement.PayAtCreation).ToString(),
        order.TaxCents / 100m, order.TotalCents / 100m,
        order.PaymentMethod switch
        {
            PaymentMethod.Card => $"{order.CardBrand} ****{order.CardLast4}",
            PaymentMethod.SupplierAccount => $"Supplier account {order.SupplierAccountNumber}",
            _ => null,
        });

    /// <summary>Checks the shape of the request before anything is read or written.</summary>
    public static UserError? Validate(PlaceOrderRequest request)
    {
        if (!Enum.TryParse<OrderChannel>(request.Channel, ignoreCase: true, out _) || int.TryParse(request.Channel, out _))
        {
            return UserError.Validation("order.invalid-channel", request.Channel ?? "", string.Join(", ", Enum.GetNames<OrderChannel>()));
        }
        if (ParsePaymentMethod(request.PaymentMethod) is not { } method)
        {
            return UserError.Validation("order.invalid-payment-method", request.PaymentMethod ?? "", string.Join(", ", Enum.GetNames<PaymentMethod>()));
        }
        var channel = Enum.Parse<OrderChannel>(request.Channel!, ignoreCase: true);
        var allowed = OrderRules.AllowedMethods(channel);
        if (!allowed.Contains(method))
        {
            return UserError.Validation("order.method-not-allowed", method.ToString(), channel.ToString(), string.Join(", ", allowed));
        }
        if (method == PaymentMethod.Card && CardProblem(request.Card) is { } cardProblem)
        {
            return UserError.Validation(cardProblem);
        }
        if (method == PaymentMethod.SupplierAccount && !(request.SupplierAccount?.Trim() is { Length: >= 6 and <= 20 } supplier && supplier.All(char.IsAsciiLetterOrDigit)))
        {
            return UserError.Validation("order.supplier-account-invalid");
        }
        if (request.ExternalReference is { } reference && !IsSaneReference(reference))
        {
            return UserError.Validation("order.invalid-reference", MaximumReferenceLength);
        }
        if (request.Currency is { } currency && !(currency.Length == 3 && currency.All(char.IsAsciiLetterUpper)))
        {
            return UserError.Validation("order.invalid-currency", ControlsShown(currency));
        }
        if (request.Lines is not { Count: > 0 })
        {
            return UserError.Validation("order.no-lines");
        }
        if (request.Lines.Count > MaximumLines)
        {
            return UserError.Validation("order.too-many-lines", request.Lines.Count, MaximumLines);
        }
        for (var i = 0; i < request.Lines.Count; i++)
        {
            var line = request.Lines[i];
            var lineNumber = i + 1;
            if (!Enum.TryParse<ChargeCategory>(line.Category, ignoreCase: true, out var category) || category == ChargeCategory.PaperFee || int.TryParse(line.Category, out _))
            {
                return UserError.Validation("order.invalid-category", lineNumber, line.Category ?? "", "Shipping, LetterMail, DirectMail, Lease, Other");
            }
            if (HasDestination(line) && (category != ChargeCategory.Shipping || DestinationOf(line) is null))
            {
                return UserError.Validation(category == ChargeCategory.Shipping ? "order.line-invalid-destination" : "order.line-destination-not-shipping", lineNumber);
            }
            if (string.IsNullOrWhiteSpace(line.Description) || line.Description.Length > MaximumDescriptionLength)
            {
                return UserError.Validation("order.line-missing-description", lineNumber);
            }
            if (line.Description.Any(char.IsControl))
            {
                return UserError.Validation("order.line-control-characters", lineNumber);
            }
            if (line.Quantity is <= 0 or > 1_000_000 || decimal.Round(line.Quantity, 4) != line.Quantity)
            {
                return UserError.Validation("order.line-invalid-quantity", lineNumber);
            }
            if (line.UnitPrice is not { } unitPrice)
            {
                return UserError.Validation("order.line-missing-price", lineNumber);
            }
            if (unitPrice.Cents is < 0 || unitPrice.Cents > MaximumUnitPriceCents)
            {
                return UserError.Validation("order.line-invalid-price", lineNumber);
            }
        }
        return null;
    }

    /// <summary>A reference an integrator's system generates: 1 to 64 ASCII letters, digits and <c>- _ . : / #</c>, nothing invisible.</summary>
    private static bool IsSaneReference(string reference) =>
        reference.Length is > 0 and <= MaximumReferenceLength && reference.All(c => char.IsAsciiLetterOrDigit(c) || "-_.:/#".Contains(c));

    /// <summary>Text quoted back in a message, with its control characters made visible (U+0000) rather than sent raw.</summary>
    private static string ControlsShown(string text) =>
        string.Concat(text.Take(MaximumNameLength).Select(c => char.IsControl(c) ? $"U+{(int)c:X4}" : c.ToString()));

    private static bool HasDestination(PlaceOrderLine line) => !string.IsNullOrWhiteSpace(line.DestinationProvince) || !string.IsNullOrWhiteSpace(line.DestinationCountry);

    private static PlaceOfSupply? DestinationOf(PlaceOrderLine line) =>
        HasDestination(line) && PlaceOfSupply.TryParse(line.DestinationCountry, line.DestinationProvince, out var place) ? place : null;

    private static string? CardProblem(PlaceOrderCard? card)
    {
        if (card is null || Payments.CardNumber.Digits(card.Number) is not { } digits || !Payments.CardNumber.LuhnHolds(digits))
        {
            return "order.card-invalid-number";
        }
        if (card.ExpiryMonth is < 1 or > 12 || card.ExpiryYear is < 2000 or > 2100)
        {
            return "order.card-invalid-expiry";
        }
        return card.Cvc?.Trim() is { Length: 3 or 4 } cvc && cvc.All(char.IsAsciiDigit) ? null : "order.card-invalid-cvc";
    }

    private static PaymentMethod? ParsePaymentMethod(string? text) =>
        text?.Replace("_", "", StringComparison.Ordinal).Replace("-", "", StringComparison.Ordinal) is { } normalised
        && !int.TryParse(normalised, out _)
        && Enum.TryParse<PaymentMethod>(normalised, ignoreCase: true, out var method) ? method : null;

    public static void Map(RouteGroupBuilder api) =>
        api.MapPost("/orders", async Task<Results<Created<PlacedOrder>, ProblemHttpResult>> (PlaceOrderRequest request, PlaceOrder handler, LinkGenerator links, HttpContext http,
            CancellationToken cancellationToken) =>
        {
            if (request.CustomerNumber is { } customerNumber && !ApiCaller.Of(http).MayReach(customerNumber))
            {
                return ApiProblems.From(UserError.NotFound("account.not-found", customerNumber), http);
            }
            var outcome = await handler.HandleAsync(request, cancellationToken);
            if (!outcome.Succeeded)
            {
                return ApiProblems.From(outcome.Error!, http);
            }
            var id = outcome.Value!.OrderId;
            // GetOrder (OrdersApi) reads the order back; the path is written out only on a host that does not map it.
            return TypedResults.Created(links.GetPathByName(http, "GetOrder", new { id }) ?? $"/api/v1/orders/{id}", outcome.Value);
        }).WithName("PlaceOrder")
          .WithSummary("Place an order: on account it becomes charges on the next invoice; paid at creation it is taxed and settled at once")
          .RequireScope(ApiScope.Orders);
}
