namespace WebEdi.Integration.Exchange;

/// <summary>
/// A file of the nightly exchange that cannot be written or read as asked: a document whose text the file's encoding
/// cannot hold, a document of a type the file does not carry, an order file read that did not pass its check.
/// </summary>
public sealed class ExchangeFileException(string message) : Exception(message);
