using Facturo.Accounts;
using Facturo.Platform;
using Facturo.Staff;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace Facturo.Pages.Admin;

/// <summary>
/// Customer accounts from the old system's CSV export: the file is checked first (every problem, line and column, nothing
/// changed), then "import these N accounts" imports that same file, which the person chooses again; the confirmation names
/// the file checked, so another file is refused.
/// </summary>
[Authorize(Policy = StaffAuth.CustomerRelationsPolicy)]
[RequestSizeLimit(ImportAccounts.MaxFileBytes + UploadOverhead)]
[RequestFormLimits(MultipartBodyLengthLimit = ImportAccounts.MaxFileBytes + UploadOverhead)]
public sealed class ImportCustomersModel(ImportAccounts import, ImportConfirmations confirmations, StaffAudit audit) : Portal.PortalPage
{
    // The form's other fields and the multipart boundaries, beyond the file itself.
    private const int UploadOverhead = 64 * 1024;

    [BindProperty] public IFormFile? Upload { get; set; }
    [BindProperty] public string? Confirmation { get; set; }
    public ImportPlan? Plan { get; private set; }
    public bool Imported { get; private set; }
    public UserError? Refusal { get; private set; }
    public int MaxMegabytes => ImportAccounts.MaxFileBytes / 1_048_576;

    public void OnGet()
    {
    }

    public async Task OnPostCheckAsync(CancellationToken cancellationToken)
    {
        var content = await ReadAsync(cancellationToken);
        if (content is null)
        {
            return;
        }
        var checkedFile = await import.CheckAsync(content, cancellationToken);
        (Plan, Refusal) = (checkedFile.Value, checkedFile.Error);
        if (Plan is { Problems.Count: 0, Changes.Count: > 0 })
        {
            Confirmation = confirmations.Issue(Plan, audit.CurrentStaffId);
        }
    }

    public async Task OnPostImportAsync(CancellationToken cancellationToken)
    {
        var content = await ReadAsync(cancellationToken);
        if (content is null)
        {
            return;
        }
        if (confirmations.ExpectedChanges(Confirmation, content, audit.CurrentStaffId) is not { } expected)
        {
            Refusal = UserError.Validation("import.not-checked");
            return;
        }
        var actor = new ImportActor(audit.CurrentStaffId, audit.CurrentStaffEmail, HttpContext.Connection.RemoteIpAddress?.ToString() ?? "");
        var imported = await import.ImportAsync(content, actor, expected, cancellationToken);
        (Plan, Refusal, Imported) = (imported.Value, imported.Error, imported.Succeeded);
    }

    private async Task<byte[]?> ReadAsync(CancellationToken cancellationToken)
    {
        if (Upload is not { Length: > 0 })
        {
            Refusal = UserError.Validation("import.empty");
            return null;
        }
        if (Upload.Length > ImportAccounts.MaxFileBytes)
        {
            Refusal = UserError.Validation("import.too-large", MaxMegabytes);
            return null;
        }
        using var content = new MemoryStream();
        await Upload.CopyToAsync(content, cancellationToken);
        return content.ToArray();
    }
}
