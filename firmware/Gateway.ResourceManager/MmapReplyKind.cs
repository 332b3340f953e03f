namespace Gateway.ResourceManager
{
    /// <summary>How a resource answers <c>_IO_MMAP</c> when its mmap slot runs the default (RM-16).</summary>
    public enum MmapReplyKind
    {
        /// <summary><c>iofunc_mmap_default()</c>: the 24-byte reply.</summary>
        Plain = 0,

        /// <summary><c>iofunc_mmap_default_ext()</c>: the 184-byte reply with flags and stat.</summary>
        Extended = 1,
    }
}
