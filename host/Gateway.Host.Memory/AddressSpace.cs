using System;
using System.Collections.Generic;
using System.Linq;

namespace Gateway.Host.Memory;

/// <summary>
/// A process's address space: its mappings (<see cref="Vma"/>) by start address, page-aligned and never overlapping.
/// It places new mappings (from <see cref="MemoryManagerOptions.MappingBase"/> upward, first fit), finds the mapping
/// of an address, and splits mappings so that a range call (munmap, mprotect, msync; behaviour.md §5) acts on whole
/// mappings. It sends nothing: what a mapping's pages hold is the pager's, what its object is the object cache's.
/// </summary>
internal sealed class AddressSpace
{
    public const int PageSize = MemoryManager.PageSize;

    private readonly SortedList<ulong, Vma> vmas = new();

    /// <summary>The mappings in address order.</summary>
    public IEnumerable<Vma> Mappings => vmas.Values;

    public static ulong RoundUp(ulong n) => (n + PageSize - 1) & ~(ulong)(PageSize - 1);

    public static ulong RoundDown(ulong n) => n & ~(ulong)(PageSize - 1);

    /// <summary>
    /// The pages a range call acts on (behaviour.md §5: start rounded down, end rounded up); false when the range
    /// runs past the top of the address space.
    /// </summary>
    public static bool TryRange(ulong addr, ulong len, out ulong start, out ulong end)
    {
        start = RoundDown(addr);
        end = 0;
        if (addr > ulong.MaxValue - len || addr + len > ulong.MaxValue - (PageSize - 1))
        {
            return false;
        }

        end = RoundUp(addr + len);
        return true;
    }

    /// <summary>The lowest free range of <paramref name="span"/> bytes at or above <paramref name="lowest"/>; false when none fits.</summary>
    public bool TryFindFree(ulong lowest, ulong span, out ulong start)
    {
        start = lowest;
        foreach (var v in vmas.Values)
        {
            if (v.End <= start)
            {
                continue;
            }

            if (v.Start >= start + span)
            {
                break;
            }

            start = v.End;
        }

        return start + span > start;
    }

    /// <summary>The mapping holding <paramref name="addr"/>, or null.</summary>
    public Vma? Find(ulong addr)
    {
        foreach (var v in vmas.Values)
        {
            if (addr >= v.Start && addr < v.End)
            {
                return v;
            }

            if (v.Start > addr)
            {
                break;
            }
        }

        return null;
    }

    public void Insert(Vma v) => vmas[v.Start] = v;

    public void Remove(Vma v) => vmas.Remove(v.Start);

    /// <summary>The mappings overlapping [start, end), in address order.</summary>
    public List<Vma> Overlapping(ulong start, ulong end) => vmas.Values.Where(v => v.Start < end && v.End > start).ToList();

    /// <summary>True when every page of [start, end) is mapped.</summary>
    public bool FullyMapped(ulong start, ulong end)
    {
        ulong at = start;
        foreach (var v in Overlapping(start, end))
        {
            if (v.Start > at)
            {
                return false;
            }

            at = Math.Max(at, v.End);
        }

        return at >= end;
    }

    /// <summary>
    /// Splits mappings at <paramref name="start"/> and <paramref name="end"/> so the range is whole mappings, and
    /// returns those inside it. A piece outside the range is a new mapping of the same object (it counts on it).
    /// </summary>
    public List<Vma> Carve(ulong start, ulong end)
    {
        var inside = new List<Vma>();
        foreach (var v in Overlapping(start, end))
        {
            vmas.Remove(v.Start);
            ulong a = Math.Max(v.Start, start);
            ulong b = Math.Min(v.End, end);
            if (v.Start < a)
            {
                var left = v.Slice(v.Start, a);
                Insert(left);
                if (left.Object != null)
                {
                    left.Object.Mappings++;
                }
            }

            if (b < v.End)
            {
                var right = v.Slice(b, v.End);
                Insert(right);
                if (right.Object != null)
                {
                    right.Object.Mappings++;
                }
            }

            // The middle piece takes the original mapping's place (and its count on the object).
            var mid = v.Slice(a, b);
            Insert(mid);
            inside.Add(mid);
        }

        return inside;
    }
}
