namespace Gateway.Protocol.Qnx
{
    /// <summary>Mount flags: <c>_MOUNT_READONLY</c> (= ST_RDONLY), no-exec, no-suid.</summary>
    public static class MountFlags
    {
        public const uint ReadOnly = 0x01;
        public const uint NoExec = 0x02;
        public const uint NoSuid = 0x04;
    }
}
