namespace BrandStoryContest.Tests.Domain;

/// <summary>
/// Deliberately naive, independent oracle for small assignment instances: an explicit capacity matrix,
/// Edmonds–Karp, and the textbook reduction of lower bounds to a circulation. Shares no code with the
/// production algorithm, which keeps its residual graph implicit and works incrementally.
/// </summary>
internal static class ReferenceFlow
{
    /// <summary>
    /// Is there an assignment where entry e gets exactly need[e] distinct allowed judges and every judge's load
    /// lies in [low, high]?
    /// </summary>
    public static bool Feasible(bool[,] allowed, int[] need, int low, int high)
    {
        int entries = allowed.GetLength(0), judges = allowed.GetLength(1);
        int s = 0, t = entries + judges + 1, superSource = t + 1, superSink = t + 2, nodes = t + 3;
        var capacity = new int[nodes, nodes];
        var excess = new int[nodes];

        void Edge(int from, int to, int lower, int upper)
        {
            capacity[from, to] += upper - lower;
            excess[to] += lower;
            excess[from] -= lower;
        }

        for (int e = 0; e < entries; e++)
        {
            Edge(s, 1 + e, need[e], need[e]);
            for (int j = 0; j < judges; j++)
            {
                if (allowed[e, j])
                    Edge(1 + e, 1 + entries + j, 0, 1);
            }
        }
        for (int j = 0; j < judges; j++)
            Edge(1 + entries + j, t, low, high);
        Edge(t, s, 0, int.MaxValue / 4);

        int required = 0;
        for (int v = 0; v < nodes; v++)
        {
            if (excess[v] > 0)
            {
                capacity[superSource, v] += excess[v];
                required += excess[v];
            }
            else if (excess[v] < 0)
            {
                capacity[v, superSink] += -excess[v];
            }
        }
        return MaxFlow(capacity, superSource, superSink) == required;
    }

    /// <summary>The smallest possible maximum judge load when every entry gets need[e] judges.</summary>
    public static int OptimalMaxLoad(bool[,] allowed, int[] need)
    {
        int high = 0;
        while (!Feasible(allowed, need, 0, high))
            high++;
        return high;
    }

    private static int MaxFlow(int[,] capacity, int source, int sink)
    {
        int nodes = capacity.GetLength(0), flow = 0;
        var parent = new int[nodes];
        while (true)
        {
            Array.Fill(parent, -1);
            parent[source] = source;
            var queue = new Queue<int>();
            queue.Enqueue(source);
            while (queue.Count > 0 && parent[sink] < 0)
            {
                int u = queue.Dequeue();
                for (int v = 0; v < nodes; v++)
                {
                    if (parent[v] < 0 && capacity[u, v] > 0)
                    {
                        parent[v] = u;
                        queue.Enqueue(v);
                    }
                }
            }
            if (parent[sink] < 0)
                return flow;

            int push = int.MaxValue;
            for (int v = sink; v != source; v = parent[v])
                push = Math.Min(push, capacity[parent[v], v]);
            for (int v = sink; v != source; v = parent[v])
            {
                capacity[parent[v], v] -= push;
                capacity[v, parent[v]] += push;
            }
            flow += push;
        }
    }
}
