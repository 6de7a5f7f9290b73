namespace BrandStoryContest.Web.Domain;

public sealed record AssignmentProblem(
    IReadOnlyList<int> EntryIds,
    IReadOnlyList<string> JudgeIds,
    int JudgesPerEntry,
    IReadOnlySet<(int EntryId, string JudgeId)> Conflicts,
    int Seed,
    IReadOnlyList<int?>? Groups = null);

public sealed record AssignmentPlan(
    IReadOnlyList<(int EntryId, string JudgeId)> Pairs,
    IReadOnlyList<UncoveredEntry> Uncovered,
    IReadOnlyDictionary<string, int> LoadByJudge);

/// <summary>An entry that could not get the full number of judges; <see cref="Reason"/> is plain English for the organizer.</summary>
public sealed record UncoveredEntry(int EntryId, int Assigned, int Needed, string Reason);

/// <summary>
/// Conflict-aware, load-balanced assignment of judges to entries.
/// </summary>
/// <remarks>
/// The problem is the flow network source → entry (capacity k) → judge (capacity 1, only for
/// conflict-free pairs) → sink (capacity = load bound). The residual graph is kept implicit: the
/// network is almost complete (every entry is connected to every judge but a few), so listing it
/// would cost millions of arcs for nothing.
/// <list type="number">
/// <item>Every entry needs c = min(k, judges free of conflicts for it). With unbounded judge capacity
/// every entry reaches its c independently, so c is the most it can ever get.</item>
/// <item>Minimum maximum load: start the judge bound U at ceil(total / judges), saturate with
/// augmenting paths (exact max flow), and while entries are still short raise U by the amount the
/// current minimum cut proves necessary. The first U that saturates every entry is optimal.</item>
/// <item>Raise the lightest judges: for L up to floor(total / judges) move entries along alternating
/// paths from judges above L to judges below L. This never exceeds U and fails only when not every judge
/// can reach L, so when loads within floor..ceil are possible they are found (max − min ≤ 1).</item>
/// <item>Spread each judge's entries over groups (when <see cref="AssignmentProblem.Groups"/> gives one per entry,
/// e.g. the division a final's entry came from): swap judges between two entries of different groups when it lowers
/// the sum over judges and groups of (that judge's entries of that group)².</item>
/// <item>Spread co-judging pairs: swap judges between two entries when it lowers the sum of squared
/// pair counts (and, with groups, does not undo the group spread). Swaps keep every load and every conflict rule unchanged.</item>
/// </list>
/// A seeded <see cref="Random"/> drives the order of work, so the same input and seed give the same plan.
/// </remarks>
public static class JudgeAssignment
{
    public static AssignmentPlan Plan(AssignmentProblem problem)
    {
        ArgumentNullException.ThrowIfNull(problem);
        ArgumentOutOfRangeException.ThrowIfNegative(problem.JudgesPerEntry);

        if (problem.Groups is { } given && given.Count != problem.EntryIds.Count)
            throw new ArgumentException("Groups must give one group (or null) per entry.", nameof(problem));
        var entryIndex = IndexById(problem.EntryIds, "entry");
        var judgeIndex = IndexById(problem.JudgeIds, "judge");
        int entries = problem.EntryIds.Count;
        int judges = problem.JudgeIds.Count;
        int k = problem.JudgesPerEntry;

        var blocked = new BitMatrix(entries, judges);
        foreach (var (entryId, judgeId) in problem.Conflicts)
        {
            // Conflicts can mention people or entries outside this round; they simply do not apply here.
            if (judgeId is not null && entryIndex.TryGetValue(entryId, out int e) && judgeIndex.TryGetValue(judgeId, out int j))
                blocked.Set(e, j);
        }

        var free = new int[entries];
        var need = new int[entries];
        for (int e = 0; e < entries; e++)
        {
            free[e] = judges - blocked.CountRow(e);
            need[e] = Math.Min(k, free[e]);
        }

        var (group, groupCount) = GroupIndexes(problem.Groups, entries);
        var graph = new AssignmentGraph(blocked, need, k, group, groupCount);
        var random = new Random(problem.Seed);
        if (judges > 0 && need.Sum() > 0)
        {
            graph.MinimiseMaximumLoad(random);
            graph.RaiseLightestJudges();
            graph.SpreadGroups(random);
            graph.SpreadPairs(random);
        }

        return ToPlan(problem, graph, free, need);
    }

    private static AssignmentPlan ToPlan(AssignmentProblem problem, AssignmentGraph graph, int[] free, int[] need)
    {
        int judges = problem.JudgeIds.Count;
        int k = problem.JudgesPerEntry;
        var pairs = new List<(int EntryId, string JudgeId)>();
        var uncovered = new List<UncoveredEntry>();
        for (int e = 0; e < problem.EntryIds.Count; e++)
        {
            int entryId = problem.EntryIds[e];
            foreach (int j in graph.SortedJudgesOf(e))
                pairs.Add((entryId, problem.JudgeIds[j]));

            if (need[e] < k)
            {
                string reason = judges == 0 ? "the panel has no judges"
                    : free[e] == judges ? $"the panel has only {judges} judges"
                    : $"only {free[e]} of {judges} panel judges are free of conflicts";
                uncovered.Add(new UncoveredEntry(entryId, graph.CountOf(e), k, reason));
            }
        }

        var loads = new Dictionary<string, int>(judges, StringComparer.Ordinal);
        for (int j = 0; j < judges; j++)
            loads[problem.JudgeIds[j]] = graph.LoadOf(j);

        return new AssignmentPlan(pairs, uncovered, loads);
    }

    /// <summary>Groups numbered 0.. in order of first appearance (so the plan depends on the input only); −1 for an entry without one.</summary>
    private static (int[] Group, int Count) GroupIndexes(IReadOnlyList<int?>? groups, int entries)
    {
        var group = new int[entries];
        Array.Fill(group, -1);
        if (groups is null) return (group, 0);
        var index = new Dictionary<int, int>();
        for (int e = 0; e < entries; e++)
        {
            if (groups[e] is not { } id) continue;
            if (!index.TryGetValue(id, out int g)) index[id] = g = index.Count;
            group[e] = g;
        }
        return (group, index.Count);
    }

    private static Dictionary<T, int> IndexById<T>(IReadOnlyList<T> ids, string what) where T : notnull
    {
        var index = new Dictionary<T, int>(ids.Count);
        for (int i = 0; i < ids.Count; i++)
        {
            if (!index.TryAdd(ids[i], i))
                throw new ArgumentException($"Duplicate {what} id '{ids[i]}'.");
        }
        return index;
    }

    /// <summary>One bit per (entry, judge): 20,000 × 400 fits in 1 MB.</summary>
    private sealed class BitMatrix(int rows, int columns)
    {
        private readonly int _wordsPerRow = (columns + 63) / 64;
        private readonly ulong[] _bits = new ulong[(long)rows * ((columns + 63) / 64)];

        public bool Get(int row, int column) => (_bits[row * _wordsPerRow + (column >> 6)] & (1UL << column)) != 0;

        public void Set(int row, int column) => _bits[row * _wordsPerRow + (column >> 6)] |= 1UL << column;

        public int CountRow(int row)
        {
            int count = 0;
            for (int w = 0; w < _wordsPerRow; w++)
                count += System.Numerics.BitOperations.PopCount(_bits[row * _wordsPerRow + w]);
            return count;
        }

        public int Rows => rows;

        public int Columns => columns;
    }

    /// <summary>
    /// The current flow (which judge scores which entry) plus the searches over its implicit residual graph.
    /// </summary>
    private sealed class AssignmentGraph
    {
        private readonly BitMatrix _blocked;
        private readonly int[] _need;
        private readonly int _entries;
        private readonly int _judges;
        private readonly int _k;
        private readonly int[] _group;
        private readonly int _groupCount;
        // How many entries of group g judge j has: _groupLoad[j * _groupCount + g]; filled by SpreadGroups.
        private int[]? _groupLoad;

        // Judges of entry e live in _slots[e*k .. e*k + _count[e]).
        private readonly int[] _slots;
        private readonly int[] _count;
        private readonly List<int>[] _entriesOf;
        private readonly int[] _load;

        // Search scratch space, reused so that a search allocates nothing.
        private readonly int[] _queue;
        private readonly int[] _entrySeen;
        private readonly int[] _judgeSeen;
        // Path bookkeeping. Augmenting: the judge an entry would leave / the entry a judge would take.
        // Shifting (reverse search): the judge an entry would move to / the entry a judge would give up.
        private readonly int[] _cameFromJudge;
        private readonly int[] _cameFromEntry;
        private int _stamp;
        private int _judgesSeenThisStamp;

        public AssignmentGraph(BitMatrix blocked, int[] need, int k, int[] group, int groupCount)
        {
            _blocked = blocked;
            _need = need;
            _group = group;
            _groupCount = groupCount;
            _entries = blocked.Rows;
            _judges = blocked.Columns;
            _k = k;
            _slots = new int[_entries * k];
            _count = new int[_entries];
            _load = new int[_judges];
            _entriesOf = new List<int>[_judges];
            for (int j = 0; j < _judges; j++)
                _entriesOf[j] = [];
            _queue = new int[_entries + _judges];
            _entrySeen = new int[_entries];
            _judgeSeen = new int[_judges];
            _cameFromJudge = new int[_entries];
            _cameFromEntry = new int[_judges];
        }

        public int CountOf(int e) => _count[e];

        public int LoadOf(int j) => _load[j];

        public IEnumerable<int> SortedJudgesOf(int e)
        {
            var judges = new int[_count[e]];
            Array.Copy(_slots, e * _k, judges, 0, _count[e]);
            Array.Sort(judges);
            return judges;
        }

        /// <summary>Gives every entry its need with the smallest possible maximum judge load.</summary>
        public void MinimiseMaximumLoad(Random random)
        {
            int total = _need.Sum();
            int cap = (total + _judges - 1) / _judges;
            GreedyFill(random, cap);
            while (!SaturateEntries(cap, out int reachableJudges))
            {
                // Min cut argument: the judges reachable in the residual graph are all full, so the flow can
                // grow by at most reachableJudges per unit of extra capacity. Any smaller raise is provably useless.
                int shortfall = total - _count.Sum();
                cap += (shortfall + reachableJudges - 1) / reachableJudges;
            }
        }

        /// <summary>
        /// Lifts judges below each level L up to L by taking entries (along alternating paths) from judges above L;
        /// loads only move towards L, so the minimised maximum is kept. If every judge can reach L this finds it.
        /// A judge that cannot be lifted is left where it is from then on: lifting it would have to push another
        /// judge below L, so not all judges can reach L and the result is then a best effort.
        /// </summary>
        public void RaiseLightestJudges()
        {
            int floorAverage = _count.Sum() / _judges;
            var stuck = new bool[_judges];
            int lowest = _load.Min();
            for (int level = lowest + 1; level <= floorAverage; level++)
            {
                for (int j = 0; j < _judges; j++)
                {
                    while (!stuck[j] && _load[j] < level)
                    {
                        if (TryShiftTowards(j, level))
                            continue;
                        // Every judge this search reached would search a subset of it, so it is stuck as well.
                        for (int seen = 0; seen < _judges; seen++)
                        {
                            if (_judgeSeen[seen] == _stamp)
                                stuck[seen] = true;
                        }
                    }
                }
            }
        }

        /// <summary>
        /// Spreads each judge's entries over the groups: swap judge a of entry e1 (group g1) with judge b of entry e2
        /// (group g2) when Σ over judges and groups of count² drops, as long as a is free of conflict for e2 and b for e1.
        /// Loads do not change. Every kept swap lowers a non-negative whole number, so the sweeps end; the order of
        /// judges is seeded, so the same seed gives the same plan.
        /// </summary>
        /// <remarks>
        /// A kept swap needs (c[a,g1] − c[a,g2]) + (c[b,g2] − c[b,g1]) ≥ 3, so one side is at least 2: looking from the
        /// judge with that side misses nothing. With equal groups a judge two apart always has such a partner b (the
        /// differences sum to zero over judges), so unless conflicts or shared entries forbid it every judge ends
        /// within one of even.
        /// </remarks>
        public void SpreadGroups(Random random)
        {
            if (_groupCount < 2)
                return;
            _groupLoad = new int[_judges * _groupCount];
            for (int e = 0; e < _entries; e++)
            {
                if (_group[e] < 0)
                    continue;
                for (int s = 0; s < _count[e]; s++)
                    _groupLoad[_slots[e * _k + s] * _groupCount + _group[e]]++;
            }

            var order = Enumerable.Range(0, _judges).ToArray();
            random.Shuffle(order);
            bool improved = true;
            while (improved)
            {
                improved = false;
                foreach (int a in order)
                {
                    for (int g1 = 0; g1 < _groupCount; g1++)
                    {
                        for (int g2 = 0; g2 < _groupCount; g2++)
                        {
                            if (g1 == g2 || GroupLoad(a, g1) - GroupLoad(a, g2) < 2)
                                continue;
                            foreach (int b in order)
                            {
                                if (b != a && GroupLoad(a, g1) - GroupLoad(a, g2) + GroupLoad(b, g2) - GroupLoad(b, g1) > 2
                                    && TrySwapGroups(a, g1, b, g2))
                                    improved = true;
                            }
                        }
                    }
                }
            }
        }

        private int GroupLoad(int j, int g) => _groupLoad![j * _groupCount + g];

        /// <summary>Gives one of a's entries of group g1 to b and one of b's entries of group g2 to a, if such a pair is allowed.</summary>
        private bool TrySwapGroups(int a, int g1, int b, int g2)
        {
            foreach (int e1 in _entriesOf[a])
            {
                if (_group[e1] != g1 || IsAssigned(e1, b) || _blocked.Get(e1, b))
                    continue;
                foreach (int e2 in _entriesOf[b])
                {
                    if (_group[e2] != g2 || IsAssigned(e2, a) || _blocked.Get(e2, a))
                        continue;
                    Exchange(e1, a, e2, b);
                    return true;
                }
                // No entry of b's fits a: no other e1 changes that.
                return false;
            }
            return false;
        }

        /// <summary>How Σ count² over judges and groups changes if a moves from e1 to e2 and b from e2 to e1 (0 without groups).</summary>
        private int GroupChange(int e1, int a, int e2, int b)
        {
            if (_groupLoad is null || _group[e1] == _group[e2])
                return 0;
            int g1 = _group[e1], g2 = _group[e2], change = 0;
            // Moving a count c by ±1 moves c² by ±2c + 1.
            if (g1 >= 0)
                change += -2 * GroupLoad(a, g1) + 1 + 2 * GroupLoad(b, g1) + 1;
            if (g2 >= 0)
                change += -2 * GroupLoad(b, g2) + 1 + 2 * GroupLoad(a, g2) + 1;
            return change;
        }

        /// <summary>Judge a leaves e1 for e2 and judge b leaves e2 for e1: both loads stay as they are.</summary>
        private void Exchange(int e1, int a, int e2, int b)
        {
            ReplaceJudge(e1, a, b);
            ReplaceJudge(e2, b, a);
            _entriesOf[a].Remove(e1);
            _entriesOf[a].Add(e2);
            _entriesOf[b].Remove(e2);
            _entriesOf[b].Add(e1);
            if (_groupLoad is null)
                return;
            if (_group[e1] >= 0)
            {
                _groupLoad[a * _groupCount + _group[e1]]--;
                _groupLoad[b * _groupCount + _group[e1]]++;
            }
            if (_group[e2] >= 0)
            {
                _groupLoad[b * _groupCount + _group[e2]]--;
                _groupLoad[a * _groupCount + _group[e2]]++;
            }
        }

        private void ReplaceJudge(int e, int from, int to)
        {
            for (int s = 0; s < _count[e]; s++)
            {
                if (_slots[e * _k + s] == from)
                {
                    _slots[e * _k + s] = to;
                    return;
                }
            }
        }

        /// <summary>
        /// Local improvement on co-judging: swap judge a of entry e1 with judge b of entry e2 when the sum of squared
        /// pair counts drops. Loads do not change, so balance is untouched. Two passes catch most of the gain cheaply.
        /// </summary>
        public void SpreadPairs(Random random)
        {
            if (_k < 2 || _entries < 2)
                return;
            var pairCount = new Dictionary<long, int>();
            for (int e = 0; e < _entries; e++)
                CountPairs(pairCount, e);

            var assigned = Enumerable.Range(0, _entries).Where(e => _count[e] > 0).ToArray();
            for (int pass = 0; pass < 2; pass++)
            {
                foreach (int e1 in assigned)
                {
                    for (int s1 = 0; s1 < _count[e1]; s1++)
                    {
                        int e2 = assigned[random.Next(assigned.Length)];
                        int s2 = random.Next(_count[e2]);
                        TrySwap(pairCount, e1, s1, e2, s2);
                    }
                }
            }
        }

        private void TrySwap(Dictionary<long, int> pairCount, int e1, int s1, int e2, int s2)
        {
            int a = _slots[e1 * _k + s1];
            int b = _slots[e2 * _k + s2];
            if (e1 == e2 || a == b || IsAssigned(e1, b) || IsAssigned(e2, a) || _blocked.Get(e1, b) || _blocked.Get(e2, a))
                return;
            // The group spread comes first: a pair swap may keep it level, never make it worse.
            if (GroupChange(e1, a, e2, b) > 0)
                return;

            // Only pairs of a or b with a judge sitting on just one of the two entries change: a stops meeting e1's
            // other judges and starts meeting e2's, b the other way round. Moving a count c by ±1 moves c² by ±2c + 1.
            var onlyWithA = OtherJudges(e1, a, e2);
            var onlyWithB = OtherJudges(e2, b, e1);
            long change = 0;
            foreach (int x in onlyWithA)
                change += 2L * (Count(pairCount, b, x) - Count(pairCount, a, x)) + 2;
            foreach (int y in onlyWithB)
                change += 2L * (Count(pairCount, a, y) - Count(pairCount, b, y)) + 2;
            if (change >= 0)
                return;

            foreach (int x in onlyWithA)
            {
                Add(pairCount, a, x, -1);
                Add(pairCount, b, x, +1);
            }
            foreach (int y in onlyWithB)
            {
                Add(pairCount, b, y, -1);
                Add(pairCount, a, y, +1);
            }
            Exchange(e1, a, e2, b);
        }

        /// <summary>Judges of entry e other than <paramref name="except"/> that the other entry does not have.</summary>
        private List<int> OtherJudges(int e, int except, int otherEntry)
        {
            var judges = new List<int>(_k);
            for (int s = 0; s < _count[e]; s++)
            {
                int j = _slots[e * _k + s];
                if (j != except && !IsAssigned(otherEntry, j))
                    judges.Add(j);
            }
            return judges;
        }

        private int Count(Dictionary<long, int> pairCount, int a, int b) => pairCount.GetValueOrDefault(PairKey(a, b));

        private void Add(Dictionary<long, int> pairCount, int a, int b, int delta) =>
            pairCount[PairKey(a, b)] = Count(pairCount, a, b) + delta;

        private void CountPairs(Dictionary<long, int> pairCount, int e)
        {
            int start = e * _k;
            for (int x = 0; x < _count[e]; x++)
            {
                for (int y = x + 1; y < _count[e]; y++)
                    Add(pairCount, _slots[start + x], _slots[start + y], +1);
            }
        }

        private long PairKey(int a, int b) => a < b ? (long)a * _judges + b : (long)b * _judges + a;

        /// <summary>
        /// A fast, nearly perfect start: entries in random order, each taking the least loaded free judges.
        /// A random start and stride per entry vary which judges meet, so pairs are spread from the outset.
        /// </summary>
        private void GreedyFill(Random random, int cap)
        {
            var order = Enumerable.Range(0, _entries).ToArray();
            random.Shuffle(order);
            var strides = Enumerable.Range(1, _judges).Where(s => GreatestCommonDivisor(s, _judges) == 1).ToArray();
            var picked = new int[_k];
            foreach (int e in order)
            {
                int start = random.Next(_judges);
                int stride = strides[random.Next(strides.Length)];
                int count = 0;
                for (int t = 0, j = start; t < _judges; t++, j = j + stride >= _judges ? j + stride - _judges : j + stride)
                {
                    if (_load[j] >= cap || _blocked.Get(e, j))
                        continue;
                    if (count == _need[e] && (count == 0 || _load[j] >= _load[picked[count - 1]]))
                        continue;
                    // Insertion into the short list of the lightest judges so far; on equal load the earlier one stays ahead.
                    int i = count < _need[e] ? count++ : count - 1;
                    while (i > 0 && _load[picked[i - 1]] > _load[j])
                    {
                        picked[i] = picked[i - 1];
                        i--;
                    }
                    picked[i] = j;
                }
                // Anything still missing is the augmenting paths' job.
                for (int i = 0; i < count; i++)
                    Assign(e, picked[i]);
            }
        }

        /// <summary>
        /// Augmenting paths until no entry can gain a judge within <paramref name="cap"/>; this is an exact max flow.
        /// When it falls short, <paramref name="reachableJudges"/> is the size of the judge side of the minimum cut.
        /// </summary>
        private bool SaturateEntries(int cap, out int reachableJudges)
        {
            bool progress = true;
            while (progress)
            {
                progress = false;
                NewStamp();
                for (int e = 0; e < _entries; e++)
                {
                    while (_count[e] < _need[e] && TryAugmentFrom(e, cap))
                    {
                        progress = true;
                        NewStamp(); // Only failed searches may share marks: the flow has changed.
                    }
                }
            }
            // The last sweep failed everywhere under one stamp, so its marks are exactly the residual-reachable set.
            reachableJudges = _judgesSeenThisStamp;
            for (int e = 0; e < _entries; e++)
            {
                if (_count[e] < _need[e])
                    return false;
            }
            return true;
        }

        // BFS from entry e0 over: entry → judge it could take (free of conflict, not yet its judge)
        // → entries that judge already has (one of which could move elsewhere). Ends at a judge below cap.
        private bool TryAugmentFrom(int e0, int cap)
        {
            if (_entrySeen[e0] == _stamp)
                return false; // Already proven unable to reach a judge with room under this flow.
            int head = 0, tail = 0;
            MarkEntry(e0, -1);
            _queue[tail++] = e0;
            while (head < tail)
            {
                int node = _queue[head++];
                if (node < _entries)
                {
                    int e = node;
                    for (int j = 0; j < _judges; j++)
                    {
                        if (_judgeSeen[j] == _stamp || _blocked.Get(e, j) || IsAssigned(e, j))
                            continue;
                        MarkJudge(j, e);
                        if (_load[j] < cap)
                        {
                            ApplyAugmentingPath(j);
                            return true;
                        }
                        _queue[tail++] = _entries + j;
                    }
                }
                else
                {
                    foreach (int e in _entriesOf[node - _entries])
                    {
                        if (_entrySeen[e] != _stamp)
                        {
                            MarkEntry(e, node - _entries);
                            _queue[tail++] = e;
                        }
                    }
                }
            }
            return false;
        }

        private void ApplyAugmentingPath(int freeJudge)
        {
            int j = freeJudge;
            while (true)
            {
                int e = _cameFromEntry[j];
                int previous = _cameFromJudge[e];
                if (previous >= 0)
                    Unassign(e, previous);
                Assign(e, j);
                if (previous < 0)
                    return;
                j = previous;
            }
        }

        // Reverse BFS from a light judge j0: judge x ← entry e it could take ← judges currently holding e.
        // Ends at a judge above level, which gives up one entry; every judge in between gains one and loses one.
        private bool TryShiftTowards(int j0, int level)
        {
            NewStamp();
            int head = 0, tail = 0;
            MarkJudge(j0, -1);
            _queue[tail++] = j0;
            while (head < tail)
            {
                int x = _queue[head++];
                for (int e = 0; e < _entries; e++)
                {
                    if (_entrySeen[e] == _stamp || _count[e] == 0 || _blocked.Get(e, x) || IsAssigned(e, x))
                        continue;
                    MarkEntry(e, x);
                    for (int s = 0; s < _count[e]; s++)
                    {
                        int y = _slots[e * _k + s];
                        if (_judgeSeen[y] == _stamp)
                            continue;
                        MarkJudge(y, e);
                        if (_load[y] > level)
                        {
                            ApplyShift(y, j0);
                            return true;
                        }
                        _queue[tail++] = y;
                    }
                }
            }
            return false;
        }

        private void ApplyShift(int donor, int receiver)
        {
            int judge = donor;
            while (judge != receiver)
            {
                int e = _cameFromEntry[judge];
                int taker = _cameFromJudge[e];
                Unassign(e, judge);
                Assign(e, taker);
                judge = taker;
            }
        }

        private void NewStamp()
        {
            _stamp++;
            _judgesSeenThisStamp = 0;
        }

        private void MarkEntry(int e, int fromJudge)
        {
            _entrySeen[e] = _stamp;
            _cameFromJudge[e] = fromJudge;
        }

        private void MarkJudge(int j, int fromEntry)
        {
            _judgeSeen[j] = _stamp;
            _cameFromEntry[j] = fromEntry;
            _judgesSeenThisStamp++;
        }

        private bool IsAssigned(int e, int j)
        {
            int start = e * _k;
            for (int s = 0; s < _count[e]; s++)
            {
                if (_slots[start + s] == j)
                    return true;
            }
            return false;
        }

        private void Assign(int e, int j)
        {
            _slots[e * _k + _count[e]++] = j;
            _entriesOf[j].Add(e);
            _load[j]++;
        }

        private void Unassign(int e, int j)
        {
            int start = e * _k;
            for (int s = 0; s < _count[e]; s++)
            {
                if (_slots[start + s] == j)
                {
                    _slots[start + s] = _slots[start + --_count[e]];
                    break;
                }
            }
            _entriesOf[j].Remove(e);
            _load[j]--;
        }

        private static int GreatestCommonDivisor(int a, int b) => b == 0 ? a : GreatestCommonDivisor(b, a % b);
    }
}
