namespace Gateway.InProcess.Fuzz;

/// <summary>A corpus entry: a valid QNX message and the (session, pid, coid) that sends it.</summary>
public sealed record FuzzMessage(string Name, byte[] Bytes, int Session, int Pid, int Coid);
