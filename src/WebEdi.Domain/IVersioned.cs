namespace WebEdi.Domain;

/// <summary>
/// An aggregate guarded by optimistic concurrency. The data layer increments <see cref="Version"/> on every save
/// and refuses a save whose original version is no longer the stored one, so two people answering the same order
/// at once get a conflict instead of a lost update.
/// </summary>
public interface IVersioned
{
    int Version { get; set; }
}
