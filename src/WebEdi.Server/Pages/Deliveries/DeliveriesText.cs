using WebEdi.Integration.Deliveries;

namespace WebEdi.Server.Pages.Deliveries;

/// <summary>The anchor type of the delivery pages' messages (Resources/Pages/Deliveries/DeliveriesText.en.resx).</summary>
public sealed class DeliveriesText;

/// <summary>A page of the delivery log as the shared table shows it; the platform operator's view adds the buyer.</summary>
public sealed record DeliveryRowsView(DeliveryPage Page, TimeZoneInfo Zone, bool ShowBuyer);
