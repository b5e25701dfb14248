using Facturo.Api;
using Facturo.Data;
using Facturo.Staff;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace Facturo.Pages.Admin;

/// <summary>
/// Administrators issue the keys integrations call the API with: a name, scopes, and optionally the only accounts it reaches.
/// Rotating and revoking are posted here from a key's page. The secret is shown once, in the answer to the issuing (or rotating) post; it is stored only as a hash, so no later visit can show it.
/// </summary>
[Authorize(Policy = StaffAuth.AdministratorPolicy)]
public sealed class ApiKeysModel(FacturoDbContext db, IssueApiKey issue) : Portal.PortalPage
{
    [BindProperty] public string? Name { get; set; }
    [BindProperty] public List<ApiScope> Scopes { get; set; } = [];
    /// <summary>Customer numbers separated by spaces, commas or lines; empty: every account.</summary>
    [BindProperty] public string? CustomerNumbers { get; set; }

    /// <summary>The key to rotate or revoke.</summary>
    [BindProperty] public long Id { get; set; }

    public IReadOnlyList<ApiKey> Keys { get; private set; } = [];
    /// <summary>A key just issued or rotated: its secret is shown in this answer only.</summary>
    public IssuedApiKey? Issued { get; private set; }
    public string? Notice { get; private set; }
    /// <summary>The refusal, beside the field it is about ("Name", "Scopes", "CustomerNumbers").</summary>
    public (string Field, string Message)? Error { get; private set; }

    public Task OnGetAsync(CancellationToken cancellationToken) => LoadAsync(cancellationToken);

    public async Task OnPostIssueAsync(CancellationToken cancellationToken)
    {
        var numbers = (CustomerNumbers ?? "").Split([' ', ',', ';', '\n', '\r', '\t'], StringSplitOptions.RemoveEmptyEntries);
        var issued = await issue.IssueAsync(new NewApiKey(Name, Scopes, numbers), cancellationToken);
        if (issued.Succeeded)
        {
            Issued = issued.Value;
            (Name, Scopes, CustomerNumbers) = (null, [], null);
            ModelState.Clear();
        }
        else
        {
            Error = (issued.Error!.Code switch
            {
                "apikey.scopes-missing" => nameof(Scopes),
                "apikey.account-unknown" => nameof(CustomerNumbers),
                _ => nameof(Name),
            }, Message(issued.Error));
        }
        await LoadAsync(cancellationToken);
    }

    public async Task OnPostRotateAsync(CancellationToken cancellationToken)
    {
        var rotated = await issue.RotateAsync(Id, cancellationToken);
        (Issued, Error) = (rotated.Value, rotated.Succeeded ? null : ("", Message(rotated.Error!)));
        await LoadAsync(cancellationToken);
    }

    /// <summary>Takes effect at once on every node: each API call reads its key from the database.</summary>
    public async Task OnPostRevokeAsync(CancellationToken cancellationToken)
    {
        var revoked = await issue.RevokeAsync(Id, cancellationToken);
        Notice = revoked.Succeeded ? T($"La clé « {revoked.Value!.Name} » est révoquée : elle ne fonctionne plus.", $"The key \"{revoked.Value!.Name}\" is revoked: it no longer works.") : null;
        Error = revoked.Succeeded ? null : ("", Message(revoked.Error!));
        await LoadAsync(cancellationToken);
    }

    public string? ErrorFor(string field) => Error is { } error && error.Field == field ? error.Message : null;

    public string When(DateTimeOffset? at) => at is { } instant
        ? instant.ToString("yyyy-MM-dd HH:mm 'UTC'", System.Globalization.CultureInfo.InvariantCulture)
        : T("jamais", "never");

    private async Task LoadAsync(CancellationToken cancellationToken) =>
        Keys = await db.Set<ApiKey>().AsNoTracking().OrderBy(k => k.RevokedAt != null).ThenBy(k => k.Name).ThenBy(k => k.Id).ToListAsync(cancellationToken);
}
