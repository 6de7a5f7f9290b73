using System.Text;
using BrandStoryContest.Web.Domain;

namespace BrandStoryContest.Web.Features.Demo;

public sealed record DemoStory(string Title, string Body);

/// <summary>
/// Brand stories in plain Chinese prose, put together from word lists and sentence patterns with a fixed seed:
/// the same stories on every machine, each long enough for the 1,000–3,000 character rule, and different
/// enough from one another (4-character shingles) that the integrity report stays quiet about them.
/// </summary>
public static class DemoStories
{
    private static readonly string[] Companies =
    [
        "海川电器", "江城钢构", "青禾食品", "明远光学", "长风纺织", "云岭茶业", "北辰机床", "润泽陶瓷", "星河电子", "松涛家具",
        "金穗粮油", "远航船舶", "白鹭服饰", "恒信仪表", "东篱酿造", "蓝湾水产", "瑞丰农机", "清溪造纸", "同心医药", "华章印务",
    ];
    private static readonly string[] Products =
    [
        "变频空调", "桥梁钢结构", "速冻水饺", "显微镜镜头", "真丝面料", "高山绿茶", "数控车床", "骨瓷餐具", "电路板", "实木书柜",
        "压榨花生油", "内河货船", "羽绒外套", "智能水表", "黄酒", "冷鲜鱼糜", "插秧机", "宣纸", "中药饮片", "精装画册",
    ];
    private static readonly string[] People =
    [
        "老周", "李师傅", "王工", "陈姐", "小刘", "赵厂长", "孙技术员", "吴班长", "郑质检员", "马主任", "何师傅", "许工程师",
            "小林", "罗师傅", "高工", "唐姐", "宋主任", "梁技术员", "蒋老板", "冯质检员",
    ];
    private static readonly string[] Places =
    [
        "江边的老厂房", "新区的智能车间", "城东的检测中心", "山脚下的茶园", "码头旁的仓库", "开发区的装配线", "老城区的门市部", "高铁站旁的展厅",
            "河对岸的新厂区", "老仓库改成的实验室", "车间二楼的小会议室", "展销会的角落", "县城的售后服务站", "凌晨的物流中心", "夜班的包装线", "省质检院的走廊",
    ];
    private static readonly string[] Seasons = ["那年初春", "一个闷热的夏夜", "秋收时节", "临近年关", "梅雨季节", "国庆前夕", "冬至那天", "开工第一天",
        "一个大雪天", "那年五一", "台风过境的第二天", "春节前的最后一个夜班", "三伏天", "新厂投产那天", "周年庆前一周", "一个普通的周一",
    ];
    private static readonly string[] Virtues = ["一丝不苟", "精益求精", "诚信为本", "守正创新", "久久为功", "脚踏实地", "追求极致", "以人为本",
        "言必信，行必果", "细节决定成败", "宁可慢一步", "把用户放在心上", "一步一个脚印", "千锤百炼",
    ];
    private static readonly string[] Problems =
    [
        "一批产品的合格率突然下降", "客户寄回了一封措辞严厉的投诉信", "关键零件的尺寸总差那么零点几毫米", "原材料的价格一夜之间涨了三成",
        "出口订单被检出了包装瑕疵", "新生产线的噪声始终降不下来", "老师傅退休后手艺眼看要失传", "仓库里的货物在潮湿天气里受了潮",
            "一台设备在关键时刻罢了工", "样品在盐雾试验中出现了锈点", "一位老用户打来电话说产品有异味", "新招的工人一时跟不上节拍", "包装箱在运输途中被压坏了一批", "检测仪的读数忽高忽低", "外地经销商退回了整整一车货", "电商平台上出现了一条差评",
    ];
    private static readonly string[] Actions =
    [
        "把每一道工序拆开重新核对", "带着徒弟在车间里守了三天三夜", "一家一家地走访老客户", "把检测标准提高到国家标准之上",
        "请来高校的专家一起攻关", "自费买来进口仪器做对比试验", "把操作要领编成了顺口溜", "在每件产品上印上了可以追溯的编号",
        "推倒了已经做好的样品从头再来", "连续几个月记录每一个温度和湿度", "把用户的意见一条条贴在墙上", "和供应商一起改进原料配方",
            "把生产线停下来逐台排查", "连夜赶到客户家里上门检修", "把每一批原料都封存留样", "给每位员工发了一本质量手册", "和年轻人一起重新编写作业指导书", "请老用户到工厂里来挑毛病", "把检验环节从三道增加到五道", "一遍遍地拆装、比对、记录",
    ];
    private static readonly string[] Results =
    [
        "合格率回到了百分之九十九点八", "那位投诉的客户成了最忠实的回头客", "产品第一次走出国门", "企业拿到了省级质量奖",
        "订单排到了第二年春天", "年轻人开始主动报名学手艺", "这个品牌的名字在街坊中间传开了", "同行纷纷上门来取经",
            "退货率降到了行业最低", "用户的表扬信贴满了一面墙", "当地电视台专门来做了报道", "产品被选进了国家级展会", "车间里再也没有出过同样的问题", "合作了十年的客户又续签了合同", "新产品一上市就卖断了货", "年轻人里出了第一个全国技术能手",
    ];
    private static readonly string[] Feelings =
    [
        "心里像压着一块石头", "一夜没有合眼", "忍不住红了眼眶", "长长地舒了一口气", "觉得肩上的担子更重了", "笑得像个孩子",
            "半天说不出话来", "默默地点了一支烟又掐灭了", "激动得手都在发抖", "眼睛里闪着光", "拍了拍我的肩膀",
    ];
    private static readonly string[] Sayings =
    [
        "质量是干出来的，不是检出来的", "品牌就是一辈子的承诺", "差一点，就是差很多", "客户的眼睛是最严的尺子",
        "好东西自己会说话", "今天的细节就是明天的口碑", "慢一点，才能走得远", "手上有活，心里有数",
            "一件次品就是一个失去的客户", "标准是底线，不是上限", "手艺在手上，名声在心上", "没有人能随随便便成功",
    ];
    private static readonly string[] Titles =
    [
        "{0}的温度", "一颗螺丝钉的承诺", "{1}背后的人", "守住那零点一毫米", "老厂房里的新故事", "从投诉信开始", "{0}：把小事做到极致",
        "一份迟到的订单", "师徒之间", "{1}出海记", "灯火通明的车间", "我们的名字叫{0}", "三天三夜", "最严的尺子", "{1}的第二次生命",
        "让{1}说话", "一张检测报告", "品牌是一辈子的事", "雨季里的仓库", "{0}的年轻人",
    ];

    /// <summary><paramref name="count"/> stories for one edition; <paramref name="seed"/> fixes the words chosen.</summary>
    public static IReadOnlyList<DemoStory> Generate(int count, int seed)
    {
        var random = new Random(seed);
        var stories = new List<DemoStory>();
        for (var i = 0; i < count; i++)
        {
            var company = Companies[(i + seed) % Companies.Length];
            // The same company comes back every twenty stories, with another of its products.
            var product = Products[(i + i / Companies.Length * 7 + seed) % Products.Length];
            var title = string.Format(Titles[(i * 7 + seed) % Titles.Length], company, product);
            if (stories.Any(s => s.Title == title)) title += $"（之{i + 1}）";
            stories.Add(new DemoStory(title, Body(random, company, product, min: 1200 + random.Next(600))));
        }
        return stories;
    }

    /// <summary>
    /// Another edition's story with a few sentences changed and one paragraph added: close enough to show up
    /// in the integrity report as a near-copy, the way a recycled entry would.
    /// </summary>
    public static DemoStory Rework(DemoStory original, int seed)
    {
        var random = new Random(seed);
        var paragraphs = original.Body.Split("\n\n").ToList();
        paragraphs[0] = "这是我第二次写下这个故事。" + paragraphs[0];
        paragraphs.Insert(paragraphs.Count - 1, Paragraph(random, new Words(random), new Queue<string>(Sentences), "海川电器", "变频空调"));
        return new DemoStory(original.Title.Replace("的", "里的", StringComparison.Ordinal) + "（续篇）", string.Join("\n\n", paragraphs));
    }

    // Sentence patterns with slots: {C} company, {R} product, {P} and {O} people, {S} a moment, {L} a place,
    // {V} a virtue, {X} a problem, {A} an action, {E} a result, {F} a feeling, {Y} a saying.
    private static readonly string[] Sentences =
    [
        "{S}，{X}。", "{P}{F}，第二天一早就召集大家开会。", "{O}第一个站起来说：“问题出在我们这一段，我们来改。”", "于是大家{A}。",
        "一个多月以后，{E}。", "很多人问我，{R}到底好在哪里。", "我总是讲起{P}的故事。", "{P}在{L}干了二十多年，手上的老茧比谁都厚。",
        "别人都说差不多就行了，{P}却坚持{A}。", "后来{E}，大家才明白这份固执是对的。", "{O}拿着一份检测报告跑进办公室，脸色很难看。",
        "那天晚上，{L}的灯一直亮到天明。", "当第一批合格的{R}下线的时候，{P}{F}。", "品牌不是广告里的几句话，而是每一天的坚持。",
        "每一件{R}出厂之前，都要经过至少三道检验。", "有新来的年轻人嫌麻烦，{P}就带着他{A}。", "半年以后，那个年轻人成了班组里最较真的人。",
        "“{Y}。”这是{P}的口头禅。", "我在一旁看着，{F}。", "为了{R}的一个细节，{P}和{O}{A}。", "有人算过，这笔钱足够再开半条生产线。",
        "谁也不再说这笔钱花得冤。", "在{L}，时间好像过得特别慢。", "{P}说，做{R}急不得，{V}才是正道。", "{O}把一件{R}递到我手里，让我自己找毛病。",
        "我找了整整一个下午，什么也没找到。", "{O}笑着说：“{Y}。”", "{C}的老客户常说，买{R}就认这个牌子。", "{S}，{C}接到了一笔从来没做过的订单。",
        "那段日子，我们常常在{L}吃盒饭、对图纸。", "{P}把这件事写进了交接班的本子里。", "直到今天，{L}的墙上还贴着那张照片。",
        "我至今记得{P}说这句话时的神情。", "{C}的每一位员工都能背出这句话：{Y}。", "{X}，这在{C}还是头一回。", "这一次，{O}主动请缨，{A}。",
        "数据一天比一天好看，{P}却说还不够。", "我们又{A}，一直做到连{O}都挑不出毛病。", "消息传来，{E}。", "{P}只说了四个字：{V}。",
        "那时候的{C}还只是个十几个人的小作坊。", "{P}的办公桌上永远摆着一把游标卡尺和一本翻旧了的标准汇编。", "{S}，{O}退休了，临走前把钥匙交到我手里。",
        "我问{P}，为什么要这么较真。", "{P}想了想，说：“因为用的人看不见我们，可我们得对得起他们。”", "第一次独立验货，我紧张得手心出汗。",
        "{O}在我身后站了很久，一句话也没说。", "后来我才知道，那批{R}他又悄悄复检了一遍。", "{C}的展厅里没有豪华的装修，只有一排排{R}。",
        "每一件都挂着一张小卡片，写着做它的人的名字。", "有一年，{X}，整个厂子都沉默了。", "是{P}带头{A}，才把大家的心气重新提了起来。",
        "那一年的年终总结会上，{P}把奖状让给了{O}。", "{O}推辞不过，收下了，转身就把奖金分给了班组。", "我常常想，{V}到底是什么。",
        "也许就是{P}在{L}里多看的那一眼。", "也许就是{O}为了一个数据多跑的那一趟。", "{C}的{R}卖到了很远的地方，可我们的根一直在江城。",
        "每年{S}，我们都会请用户回来看看。", "看着他们在{L}里东摸摸西看看，我心里特别踏实。",
    ];

    private static string Body(Random random, string company, string product, int min)
    {
        // Each story keeps to a third of every word list and a quarter of the sentence patterns, so two stories
        // share the common words of the trade but few longer passages.
        var words = new Words(random);
        var sentences = new Queue<string>(Sentences.OrderBy(_ => random.Next()).Take(Sentences.Length / 4));
        var text = new StringBuilder();
        text.Append(Opening(random, words, company, product));
        while (StoryText.Length(text.ToString()) < min)
            text.Append("\n\n").Append(Paragraph(random, words, sentences, company, product));
        text.Append("\n\n").Append(Closing(random, words, company, product));
        return text.ToString();
    }

    private sealed class Words(Random random)
    {
        public readonly string[] People = Subset(random, DemoStories.People);
        public readonly string[] Places = Subset(random, DemoStories.Places);
        public readonly string[] Seasons = Subset(random, DemoStories.Seasons);
        public readonly string[] Virtues = Subset(random, DemoStories.Virtues);
        public readonly string[] Problems = Subset(random, DemoStories.Problems);
        public readonly string[] Actions = Subset(random, DemoStories.Actions);
        public readonly string[] Results = Subset(random, DemoStories.Results);
        public readonly string[] Feelings = Subset(random, DemoStories.Feelings);
        public readonly string[] Sayings = Subset(random, DemoStories.Sayings);

        private static string[] Subset(Random random, string[] all) =>
            all.OrderBy(_ => random.Next()).Take(Math.Max(2, all.Length / 3)).ToArray();
    }

    private static T Pick<T>(Random random, T[] items) => items[random.Next(items.Length)];

    private static string Opening(Random random, Words w, string company, string product) =>
        random.Next(2) == 0
            ? $"{Pick(random, w.Seasons)}，我第一次走进{company}{Pick(random, w.Places)}。墙上挂着一行红色的大字：“{Pick(random, w.Sayings)}。”"
            : $"说起{company}，街坊们最先想到的是{product}。可在我心里，它首先是{Pick(random, w.People)}那双布满老茧的手。";

    /// <summary>Takes sentences in turn from the story's own queue, so a pattern comes back only after all the others.</summary>
    private static string Paragraph(Random random, Words w, Queue<string> sentences, string company, string product)
    {
        var person = Pick(random, w.People);
        var other = Pick(random, w.People.Where(p => p != person).DefaultIfEmpty(person).ToArray());
        var text = new StringBuilder();
        for (int i = 0, n = 3 + random.Next(3); i < n; i++)
        {
            var sentence = sentences.Dequeue();
            sentences.Enqueue(sentence);
            text.Append(sentence
                .Replace("{C}", company).Replace("{R}", product).Replace("{P}", person).Replace("{O}", other)
                .Replace("{S}", Pick(random, w.Seasons)).Replace("{L}", Pick(random, w.Places)).Replace("{V}", Pick(random, w.Virtues))
                .Replace("{X}", Pick(random, w.Problems)).Replace("{A}", Pick(random, w.Actions)).Replace("{E}", Pick(random, w.Results))
                .Replace("{F}", Pick(random, w.Feelings)).Replace("{Y}", Pick(random, w.Sayings)));
        }
        return text.ToString();
    }

    private static string Closing(Random random, Words w, string company, string product) =>
        $"如今，{company}的{product}已经走进了千家万户。每当有人问起秘诀，我都会想起{Pick(random, w.Places)}里那些认真的面孔。"
        + $"{Pick(random, w.Virtues)}，这就是我们想讲的故事。";
}
