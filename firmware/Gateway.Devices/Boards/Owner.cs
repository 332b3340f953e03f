namespace Gateway.Devices.Boards
{
    /// <summary>Who owns a board resource: the uid and gid that board-resources.md writes as "uid:gid".</summary>
    public struct Owner
    {
        public int Uid;
        public int Gid;

        public Owner(int uid, int gid)
        {
            Uid = uid;
            Gid = gid;
        }

        /// <summary>0:0.</summary>
        public static Owner Root
        {
            get { return new Owner(0, 0); }
        }
    }
}
