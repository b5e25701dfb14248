using System.Security.Claims;
using Facturo.Accounts;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace Facturo.Portal;

/// <summary>What the portal needs on every request, carried in the sign-in cookie: the enterprise, the role and the language.</summary>
public static class PortalClaims
{
    public const string Enterprise = "facturo:enterprise";
    public const string Role = "facturo:role";
    public const string Language = "facturo:language";

    public static long? EnterpriseId(this ClaimsPrincipal user) =>
        long.TryParse(user.FindFirstValue(Enterprise), out var id) ? id : null;

    public static PortalRole? PortalRole(this ClaimsPrincipal user) =>
        Enum.TryParse<PortalRole>(user.FindFirstValue(Role), out var role) ? role : null;

    public static Accounts.Language? PreferredLanguage(this ClaimsPrincipal user) =>
        LanguageCodes.TryParse(user.FindFirstValue(Language), out var language) ? language : null;
}

internal sealed class PortalClaimsFactory(UserManager<PortalUser> users, IOptions<IdentityOptions> options)
    : UserClaimsPrincipalFactory<PortalUser>(users, options)
{
    protected override async Task<ClaimsIdentity> GenerateClaimsAsync(PortalUser user)
    {
        var identity = await base.GenerateClaimsAsync(user);
        identity.AddClaim(new Claim(PortalClaims.Enterprise, user.EnterpriseId.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        identity.AddClaim(new Claim(PortalClaims.Role, user.Role.ToString()));
        identity.AddClaim(new Claim(PortalClaims.Language, user.Language.ToCode()));
        return identity;
    }
}
