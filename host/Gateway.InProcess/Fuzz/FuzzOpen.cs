namespace Gateway.InProcess.Fuzz;

/// <summary>A file the fuzz board's setup opens for a root client, so corpus messages find an OCB.</summary>
public sealed record FuzzOpen(string Path, int Pid, int Fd, uint OpenFlags, int MappingCoid, long Size, bool IsDirectory, bool IsRegisterRegion);
