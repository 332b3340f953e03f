namespace Gateway.Host.Targets;

/// <summary>The session the work continues in, and how the old one ended as the host saw it ("closed", "replaced" …).</summary>
public sealed record SessionHandover(ITargetSession Next, string OldSessionEnd);
