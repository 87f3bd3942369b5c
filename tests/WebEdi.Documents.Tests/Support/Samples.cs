using System.Globalization;
using WebEdi.Documents.DeliveryNotes;
using WebEdi.Documents.PurchaseOrders;

namespace WebEdi.Documents.Tests.Support;

/// <summary>Realistic documents of the demo's trade (さくら精密 shipping to 東海モーター工業) and the shared printer.</summary>
public static class Samples
{
    private static readonly Lazy<DocumentPrinter> SharedPrinter = new(() => new DocumentPrinter(new DocumentOptions()));

    /// <summary>One printer for the whole run, as the server keeps one: fonts load once.</summary>
    public static DocumentPrinter Printer => SharedPrinter.Value;

    public static readonly DateOnly ShipDate = new(2026, 4, 3);

    public static DocumentCompany Supplier { get; } = new("株式会社さくら精密", "SAKURA-SEIMITSU")
    {
        Address = "〒431-3125 静岡県浜松市中央区半田山3丁目12-5",
        Phone = "053-555-0123",
        InvoiceRegistrationNumber = "T1234567890123",
    };

    public static DocumentCompany Buyer { get; } = new("東海モーター工業株式会社", "TOKAI-MOTOR");

    /// <summary>
    /// Four lines: three at 10 % of ¥1,005 each (per-line rounding would give ¥300 tax, per-rate ¥301) and one
    /// reduced-rate line of ¥2,590 (tax ¥207).
    /// </summary>
    public static IReadOnlyList<DeliveryNoteLine> StandardLines { get; } =
    [
        new("PO-2604-0001", 1, "TM-10-4471", "SK-B0830", "六角ボルト M8×30 ステンレス", "SUS304 / ISO 4017", 201m, "本", 5m, 1005m, 10m),
        new("PO-2604-0001", 2, "TM-10-4472", "SK-W0800", "平座金 M8", null, 1005m, "個", 1m, 1005m, 10m),
        new("PO-2604-0002", 1, "TM-20-0150", "SK-BR-L", "ブラケット(左) 黒色粉体塗装品", "板厚 t3.2 / SPHC", 2.5m, "kg", 402m, 1005m, 10m),
        new("PO-2604-0002", 3, "TM-90-0008", null, "緑茶 ペットボトル 525ml×24本", "食品(軽減税率対象)", 2m, "箱", 1295m, 2590m, 8m),
    ];

    public static DeliveryNote Note(string number = "SKR-260403-0001", IReadOnlyList<DeliveryNoteLine>? lines = null, int reprintCount = 0) =>
        new(number, ShipDate, Supplier, Buyer, "S-0042", "本社工場 第2受入口 (A棟)", lines ?? StandardLines)
        {
            ReprintCount = reprintCount,
            Remarks = "納入時間 8:30〜16:00。パレット返却をお願いします。",
        };

    /// <summary><paramref name="count"/> lines over ten orders, amounts all whole yen.</summary>
    public static IReadOnlyList<DeliveryNoteLine> ManyLines(int count) =>
    [
        .. Enumerable.Range(1, count).Select(i => new DeliveryNoteLine(
            string.Create(CultureInfo.InvariantCulture, $"PO-2604-{(i % 10) + 1:0000}"),
            (i / 10) + 1,
            string.Create(CultureInfo.InvariantCulture, $"TM-{i:00000}"),
            string.Create(CultureInfo.InvariantCulture, $"SK-{i:00000}"),
            string.Create(CultureInfo.InvariantCulture, $"精密部品 第{i}号 (量産品)"),
            i % 3 == 0 ? "焼入れ HRC 58〜62" : null,
            i,
            "個",
            12.5m,
            12.5m * i - (12.5m * i % 1),
            i % 7 == 0 ? 8m : 10m)),
    ];

    public static PurchaseOrderSheet Order(int revision = 1) =>
        new("PO-2604-0001", revision, new DateOnly(2026, 3, 25), Buyer with { Address = "〒448-0001 愛知県刈谷市東港町1-1", Phone = "0566-55-0100" },
            Supplier, "S-0042", "本社工場 第2受入口 (A棟)",
            [
                new(1, "TM-10-4471", "SK-B0830", "六角ボルト M8×30 ステンレス", "SUS304 / ISO 4017", 201m, "本", 5m, 1005m, 10m, new DateOnly(2026, 4, 3)),
                new(2, "TM-10-4472", "SK-W0800", "平座金 M8", null, 1005m, "個", 1m, 1005m, 10m, new DateOnly(2026, 4, 10)),
                new(3, "TM-90-0008", null, "緑茶 ペットボトル 525ml×24本", null, 2m, "箱", 1295m, 2590m, 8m, new DateOnly(2026, 4, 10)),
            ])
        {
            BuyerContact = "購買部 山田 花子 (内線 2231)",
            Remarks = "納品書に注文番号と行番号を必ず記載してください。",
        };

    /// <summary>Prints the note set to <c>{folder}/{name}.pdf</c> and returns the path.</summary>
    public static string Print(DeliveryNote note, string folder, string name = "note")
    {
        var path = Path.Combine(folder, name + ".pdf");
        using var file = File.Create(path);
        Printer.PrintDeliveryNote(note, file);
        return path;
    }
}
