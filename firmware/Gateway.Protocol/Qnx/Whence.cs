namespace Gateway.Protocol.Qnx
{
    /// <summary>lseek whence values.</summary>
    public static class Whence
    {
        public const short Set = 0;
        public const short Current = 1;
        public const short End = 2;
    }
}
