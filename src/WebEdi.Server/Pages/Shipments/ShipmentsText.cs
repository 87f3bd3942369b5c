namespace WebEdi.Server.Pages.Shipments;

/// <summary>The anchor type of the shipment pages' messages (Resources/Pages/Shipments/ShipmentsText.en.resx).</summary>
public sealed class ShipmentsText;
