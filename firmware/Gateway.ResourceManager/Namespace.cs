using Gateway.Protocol.Qnx;

namespace Gateway.ResourceManager
{
    /// <summary>
    /// The board's path namespace: a tree of <see cref="ResourceAttr"/> in a fixed node table. Paths arrive
    /// relative to the root as QNX sends them to a manager mounted at "/" (a leading "/" is tolerated) and are
    /// matched as bytes, so a lookup allocates nothing.
    /// </summary>
    public sealed class Namespace
    {
        public const int MaxNameLength = 255;

        private readonly ResourceAttr[] nodes;
        private int count;

        public readonly ResourceAttr Root;

        public Namespace(int maxNodes, Mount rootMount)
        {
            nodes = new ResourceAttr[maxNodes];
            Root = new ResourceAttr();
            Root.Path = "/";
            Root.Name = new byte[0];
            Root.Mode = FileMode.Dir | 0x1ED; // 0755
            Root.Mount = rootMount;
            Root.Ino = InodeOf("/");
            Root.MmapReply = MmapReplyKind.Plain;
            nodes[count++] = Root;
        }

        public int Count
        {
            get { return count; }
        }

        public int Capacity
        {
            get { return nodes.Length; }
        }

        /// <summary>The n-th entry in creation order (0 is the root).</summary>
        public ResourceAttr this[int index]
        {
            get { return nodes[index]; }
        }

        /// <summary>Adds a directory under <paramref name="parent"/> (mode is the permission bits).</summary>
        public ResourceAttr AddDirectory(ResourceAttr parent, string name, uint perm, int uid, int gid, Mount mount)
        {
            ResourceAttr a = Add(parent, name, FileMode.Dir | (perm & FileMode.PermMask), uid, gid, mount);
            a.MmapReply = MmapReplyKind.Plain;
            return a;
        }

        /// <summary>
        /// Adds a resource; <paramref name="mode"/> carries the file type (S_IFCHR, S_IFREG, S_IFNAM…) and permissions.
        /// </summary>
        public ResourceAttr Add(ResourceAttr parent, string name, uint mode, int uid, int gid, Mount mount)
        {
            if (parent == null || !parent.IsDirectory)
            {
                throw new System.ArgumentException("parent must be a directory");
            }

            if (count == nodes.Length)
            {
                throw new System.InvalidOperationException("namespace table full");
            }

            ResourceAttr a = new ResourceAttr();
            a.Name = Ascii(name);
            a.Path = parent == Root ? "/" + name : parent.Path + "/" + name;
            a.Mode = mode;
            a.Uid = uid;
            a.Gid = gid;
            a.Mount = mount;
            a.Ino = InodeOf(a.Path);
            Link(parent, a);
            nodes[count++] = a;
            return a;
        }

        /// <summary>True when another entry can be created (O_CREAT; ENOSPC otherwise).</summary>
        public bool HasRoom
        {
            get { return count < nodes.Length; }
        }

        /// <summary>Creates a regular file from request path bytes (O_CREAT, RM-1). The caller checked <see cref="HasRoom"/>.</summary>
        public ResourceAttr Create(ResourceAttr parent, byte[] b, int nameOffset, int nameLength, uint mode, int uid, int gid)
        {
            ResourceAttr a = new ResourceAttr();
            a.Name = new byte[nameLength];
            char[] chars = new char[nameLength];
            for (int i = 0; i < nameLength; i++)
            {
                a.Name[i] = b[nameOffset + i];
                chars[i] = (char)b[nameOffset + i];
            }

            string name = new string(chars);
            a.Path = parent == Root ? "/" + name : parent.Path + "/" + name;
            a.Mode = mode;
            a.Uid = uid;
            a.Gid = gid;
            a.Mount = parent.Mount;
            a.Ino = InodeOf(a.Path);
            Link(parent, a);
            nodes[count++] = a;
            return a;
        }

        /// <summary>
        /// Takes an entry out of the namespace (a file whose creating session ended): lookups and readdir no longer
        /// see it, and its table slot is free. OCBs that still hold it keep their <see cref="ResourceAttr"/>.
        /// </summary>
        public void Remove(ResourceAttr a)
        {
            ResourceAttr parent = a.Parent;
            if (parent != null)
            {
                if (parent.FirstChild == a)
                {
                    parent.FirstChild = a.NextSibling;
                }
                else
                {
                    for (ResourceAttr c = parent.FirstChild; c != null; c = c.NextSibling)
                    {
                        if (c.NextSibling == a)
                        {
                            c.NextSibling = a.NextSibling;
                            break;
                        }
                    }
                }

                parent.ChildCount--;
            }

            a.NextSibling = null;
            a.Parent = null;
            for (int i = 1; i < count; i++)
            {
                if (nodes[i] == a)
                {
                    System.Array.Copy(nodes, i + 1, nodes, i, count - i - 1);
                    count--;
                    nodes[count] = null;
                    return;
                }
            }
        }

        /// <summary>
        /// Resolves a request path. Returns the entry, or null with <paramref name="errno"/> ENOENT (and
        /// <paramref name="parent"/> set when only the last component is missing, for O_CREAT) or ENOTDIR.
        /// </summary>
        public ResourceAttr Lookup(byte[] b, int o, int length, out ResourceAttr parent, out int lastOffset, out int lastLength, out int errno)
        {
            parent = null;
            lastOffset = o;
            lastLength = 0;
            errno = Errno.EOK;
            ResourceAttr cur = Root;
            int i = o;
            int end = o + length;
            while (true)
            {
                while (i < end && b[i] == (byte)'/')
                {
                    i++;
                }

                if (i >= end)
                {
                    // "name/" names a directory: a trailing slash after a file is ENOTDIR (POSIX).
                    if (end > o && b[end - 1] == (byte)'/' && !cur.IsDirectory)
                    {
                        errno = Errno.ENOTDIR;
                        return null;
                    }

                    return cur;
                }

                int start = i;
                while (i < end && b[i] != (byte)'/')
                {
                    i++;
                }

                int n = i - start;
                if (!cur.IsDirectory)
                {
                    errno = Errno.ENOTDIR;
                    return null;
                }

                ResourceAttr child = FindChild(cur, b, start, n);
                if (child == null)
                {
                    int j = i;
                    while (j < end && b[j] == (byte)'/')
                    {
                        j++;
                    }

                    if (j >= end && j == i)
                    {
                        // Only a last component without a trailing slash may be created (O_CREAT makes files).
                        parent = cur;
                        lastOffset = start;
                        lastLength = n;
                    }

                    errno = n > MaxNameLength ? Errno.ENAMETOOLONG : Errno.ENOENT;
                    return null;
                }

                cur = child;
            }
        }

        /// <summary>Resolves an absolute or relative path given as a string (for board composition and tests).</summary>
        public ResourceAttr Find(string path)
        {
            byte[] b = Ascii(path);
            ResourceAttr parent;
            int lo, ll, e;
            return Lookup(b, 0, b.Length, out parent, out lo, out ll, out e);
        }

        public static ResourceAttr FindChild(ResourceAttr dir, byte[] b, int o, int n)
        {
            for (ResourceAttr c = dir.FirstChild; c != null; c = c.NextSibling)
            {
                if (c.NameEquals(b, o, n))
                {
                    return c;
                }
            }

            return null;
        }

        /// <summary>st_ino derived from the path (RM-16): FNV-1a 64 of its bytes, never 0, stable across boots.</summary>
        public static ulong InodeOf(string path)
        {
            ulong h = 0xCBF29CE484222325;
            for (int i = 0; i < path.Length; i++)
            {
                h ^= (byte)path[i];
                h *= 0x100000001B3;
            }

            return h == 0 ? 1 : h;
        }

        public static byte[] Ascii(string s)
        {
            byte[] b = new byte[s.Length];
            for (int i = 0; i < s.Length; i++)
            {
                b[i] = (byte)s[i];
            }

            return b;
        }

        private static void Link(ResourceAttr parent, ResourceAttr a)
        {
            a.Parent = parent;
            if (parent.FirstChild == null)
            {
                parent.FirstChild = a;
            }
            else
            {
                ResourceAttr last = parent.FirstChild;
                while (last.NextSibling != null)
                {
                    last = last.NextSibling;
                }

                last.NextSibling = a;
            }

            parent.ChildCount++;
        }
    }
}
