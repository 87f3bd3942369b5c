using System.Net.Mail;
using System.Text;
using WebEdi.Testing;

namespace WebEdi.IntegrationTests.Infrastructure;

/// <summary>The SMTP server the integration tests share: it keeps what it receives and decodes Japanese mail.</summary>
public sealed class Private_SMTP_server
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(10);

    static Private_SMTP_server() => Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);

    [Fact]
    public async Task Receives_a_Japanese_mail_and_decodes_subject_and_body()
    {
        var server = await SmtpServer.SharedAsync();
        var recipient = $"supplier-{Guid.NewGuid():N}@sakura-seimitsu.example";
        using var message = new MailMessage("webedi@buyer.example", recipient)
        {
            Subject = "「注文書が届きました」",
            Body = "「注文書が届きました」\r\n注文番号: PO-2024-0001",
        };

        using (var client = new SmtpClient(server.Host, server.Port))
        {
            await client.SendMailAsync(message);
        }

        var mail = await server.WaitForMessageAsync(m => m.To.Contains(recipient), Timeout);
        Assert.Equal("webedi@buyer.example", mail.From);
        Assert.Equal("「注文書が届きました」", mail.Subject);
        Assert.Equal("「注文書が届きました」\n注文番号: PO-2024-0001", mail.TextBody);
    }

    [Fact]
    public async Task Decodes_a_mail_written_in_ISO_2022_JP()
    {
        var server = await SmtpServer.SharedAsync();
        var recipient = $"supplier-{Guid.NewGuid():N}@sakura-seimitsu.example";
        var jis = Encoding.GetEncoding("iso-2022-jp");
        using var message = new MailMessage("erp@buyer.example", recipient)
        {
            Subject = "注文書が届きました",
            SubjectEncoding = jis,
            Body = "納品書を添付します",
            BodyEncoding = jis,
            BodyTransferEncoding = System.Net.Mime.TransferEncoding.SevenBit,
        };

        using (var client = new SmtpClient(server.Host, server.Port))
        {
            await client.SendMailAsync(message);
        }

        var mail = await server.WaitForMessageAsync(m => m.To.Contains(recipient), Timeout);
        Assert.Contains("charset=iso-2022-jp", mail.Raw, StringComparison.OrdinalIgnoreCase);
        Assert.Equal("注文書が届きました", mail.Subject);
        Assert.Equal("納品書を添付します", mail.TextBody);
    }
}
