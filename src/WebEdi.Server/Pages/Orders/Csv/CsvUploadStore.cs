using System.Security.Cryptography;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.Extensions.Options;
using WebEdi.Documents.Csv;
using WebEdi.Server.Hosting;

namespace WebEdi.Server.Pages.Orders.Csv;

/// <summary>An uploaded answer file waiting between its preview and its confirmation.</summary>
public sealed record StoredUpload(string Token, string Path, Guid UserId, Guid CompanyId, CsvEncoding Encoding, string FileName, DateTime StoredAt);

/// <summary>
/// Keeps uploaded answer files between preview and confirmation under <c>{DataDirectory}/csv-uploads</c>, each named
/// by a random token and bound to the user and company that uploaded it: the confirmation reads the file again and
/// never trusts a preview posted back. Files are deleted after confirmation or after <see cref="Lifetime"/>.
/// </summary>
public sealed partial class CsvUploadStore(IOptions<WebEdiOptions> options, TimeProvider clock, ILogger<CsvUploadStore> log)
{
    public static readonly TimeSpan Lifetime = TimeSpan.FromHours(1);

    private string Directory => System.IO.Directory.CreateDirectory(System.IO.Path.Combine(System.IO.Path.GetFullPath(options.Value.DataDirectory), "csv-uploads")).FullName;

    public async Task<StoredUpload> SaveAsync(Stream content, Guid userId, Guid companyId, CsvEncoding encoding, string fileName, CancellationToken cancellationToken)
    {
        Sweep();
        var token = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(24));
        var upload = new StoredUpload(token, System.IO.Path.Combine(Directory, token + ".csv"), userId, companyId, encoding,
            System.IO.Path.GetFileName(fileName), clock.GetUtcNow().UtcDateTime);
        await using (var file = new FileStream(upload.Path, FileMode.CreateNew, FileAccess.Write, FileShare.None, 64 * 1024, useAsync: true))
        {
            await content.CopyToAsync(file, cancellationToken);
        }

        await File.WriteAllTextAsync(MetadataPath(token), JsonSerializer.Serialize(upload), cancellationToken);
        return upload;
    }

    /// <summary>The upload of <paramref name="token"/> if this user of this company stored it less than an hour ago.</summary>
    public StoredUpload? Find(string? token, Guid userId, Guid companyId)
    {
        if (token is null || !TokenPattern().IsMatch(token) || !File.Exists(MetadataPath(token)))
        {
            return null;
        }

        var upload = JsonSerializer.Deserialize<StoredUpload>(File.ReadAllText(MetadataPath(token)));
        if (upload is null || upload.UserId != userId || upload.CompanyId != companyId || !File.Exists(upload.Path))
        {
            return null;
        }

        if (clock.GetUtcNow().UtcDateTime - upload.StoredAt > Lifetime)
        {
            Delete(token);
            return null;
        }

        return upload;
    }

    public void Delete(string token)
    {
        if (!TokenPattern().IsMatch(token))
        {
            return;
        }

        File.Delete(System.IO.Path.Combine(Directory, token + ".csv"));
        File.Delete(MetadataPath(token));
    }

    /// <summary>Deletes every upload older than <see cref="Lifetime"/> (run on each upload; no timer needed).</summary>
    public void Sweep()
    {
        var cutoff = clock.GetUtcNow().UtcDateTime - Lifetime;
        foreach (var file in new DirectoryInfo(Directory).EnumerateFiles())
        {
            if (file.LastWriteTimeUtc < cutoff)
            {
                try
                {
                    file.Delete();
                }
                catch (IOException e)
                {
                    log.LogWarning(e, "Could not delete the expired upload {File}", file.FullName);
                }
            }
        }
    }

    private string MetadataPath(string token) => System.IO.Path.Combine(Directory, token + ".json");

    [GeneratedRegex("^[0-9a-f]{48}$")]
    private static partial Regex TokenPattern();
}
