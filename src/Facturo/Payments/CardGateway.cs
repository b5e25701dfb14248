using System.Collections.Concurrent;
using System.Security.Cryptography;

namespace Facturo.Payments;

/// <summary>What is sent to the processor once, and never stored: the number and the security code.</summary>
public sealed record CardCharge(string Number, int ExpiryMonth, int ExpiryYear, string Cvc, Money Amount, string Reference);

public enum CardDecline { Declined, InsufficientFunds, Expired }

/// <summary>The processor's answer. Only the token, brand, last four digits and expiry are kept.</summary>
public sealed record CardResult(bool Approved, CardDecline? Decline, string? Token, string? AuthorizationCode);

/// <summary>The edge of the world we cannot reach from here: a card processor.</summary>
public interface ICardGateway
{
    Task<CardResult> ChargeAsync(CardCharge charge, CancellationToken cancellationToken);

    /// <summary>Cancels an approved charge before it settles: the order it paid for could not be saved.</summary>
    Task VoidAsync(string token, CancellationToken cancellationToken);
}

/// <summary>A charge as the sandbox processor holds it.</summary>
public sealed record SandboxCharge(string Token, Money Amount, string Reference, bool Voided);

/// <summary>
/// A processor in a box for development, demos and tests. It answers like a real one, by test number:
/// 4242 4242 4242 4242 approves, 4000 0000 0000 0002 is declined, 4000 0000 0000 9995 has insufficient
/// funds, 4000 0000 0000 0069 is expired; any other valid number approves. A past expiry is refused too.
/// </summary>
public sealed class SandboxCardGateway(TimeProvider time) : ICardGateway
{
    private readonly ConcurrentDictionary<string, SandboxCharge> _charges = new();

    /// <summary>What the processor would show in its dashboard: every approved charge and whether it was voided.</summary>
    public IReadOnlyCollection<SandboxCharge> Charges => [.. _charges.Values];

    public Task VoidAsync(string token, CancellationToken cancellationToken)
    {
        _charges.AddOrUpdate(token, _ => throw new InvalidOperationException($"No charge {token} to void."), (_, charge) => charge with { Voided = true });
        return Task.CompletedTask;
    }

    public Task<CardResult> ChargeAsync(CardCharge charge, CancellationToken cancellationToken)
    {
        var today = time.GetUtcNow();
        var expired = charge.ExpiryYear < today.Year || (charge.ExpiryYear == today.Year && charge.ExpiryMonth < today.Month);
        CardDecline? decline = charge.Number switch
        {
            _ when expired => CardDecline.Expired,
            "4000000000000002" => CardDecline.Declined,
            "4000000000009995" => CardDecline.InsufficientFunds,
            "4000000000000069" => CardDecline.Expired,
            _ => null,
        };
        if (decline is { } refused)
        {
            return Task.FromResult(new CardResult(false, refused, null, null));
        }
        var token = "tok_sandbox_" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(12));
        _charges[token] = new SandboxCharge(token, charge.Amount, charge.Reference, Voided: false);
        return Task.FromResult(new CardResult(true, null, token, RandomNumberGenerator.GetInt32(100_000, 999_999).ToString(System.Globalization.CultureInfo.InvariantCulture)));
    }
}
