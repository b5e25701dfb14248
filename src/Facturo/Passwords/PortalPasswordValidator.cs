using Facturo.Portal;
using Microsoft.AspNetCore.Identity;

namespace Facturo.Passwords;

/// <summary>
/// The policy as Identity's only password validator, so registration, both resets and a change all apply it. Identity
/// calls it just before it replaces the hash, which is when the replaced hash goes into the history (saved with the user).
/// </summary>
internal sealed class PortalPasswordValidator(PasswordPolicy policy, IHttpContextAccessor http) : IPasswordValidator<PortalUser>
{
    public async Task<IdentityResult> ValidateAsync(UserManager<PortalUser> manager, PortalUser user, string? password)
    {
        var cancellationToken = http.HttpContext?.RequestAborted ?? CancellationToken.None;
        var refusal = await policy.RefusalAsync(PasswordOwner.PortalUser, user.Id, user.PasswordHash, password ?? "",
            hash => manager.PasswordHasher.VerifyHashedPassword(user, hash, password ?? "") != PasswordVerificationResult.Failed, cancellationToken);
        if (refusal is not null)
        {
            return IdentityResult.Failed(new IdentityError { Code = refusal.Code, Description = refusal.Message(user.Language) });
        }
        if (user.PasswordHash is not null)
        {
            await policy.RememberReplacedAsync(PasswordOwner.PortalUser, user.Id, user.PasswordHash, cancellationToken);
        }
        return IdentityResult.Success;
    }

    /// <summary>The user error behind Identity's refusal of a password, so pages show the policy's own message.</summary>
    public static Platform.UserError? RefusalIn(IdentityResult result) =>
        result.Errors.FirstOrDefault(e => e.Code.StartsWith("password.", StringComparison.Ordinal)) is { } error
            ? Platform.UserError.Validation(error.Code, error.Code == "password.reused" ? PasswordPolicy.RememberedPasswords : PasswordPolicy.MinimumLength)
            : null;
}
