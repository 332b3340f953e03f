namespace Gateway.Host.Bench;

/// <summary>What the bulk-read file holds: link v1 (COBS) scanned every byte and ended a block at every zero; v2 copies.</summary>
public enum BulkPattern
{
    /// <summary>Seeded pseudo-random bytes (few zeros).</summary>
    Random,

    /// <summary>All zero bytes (a fresh page, a cleared buffer).</summary>
    Zero,
}
