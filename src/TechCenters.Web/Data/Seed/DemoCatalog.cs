namespace TechCenters.Web.Data.Seed;

/// <summary>Curated reference lists for the demo portfolio. Units and people are fictional.</summary>
public static class DemoCatalog
{
    public sealed record JurisdictionSeed(
        string Id, string Name, string Level, string BureauName, string Short, string RegionCode, string City,
        (string Name, string Kind)[] Departments, string[] DirectUnits);

    /// <summary>
    /// The jurisdictions to seed: every one the policy catalog holds (a new pack folder is a new jurisdiction in the running
    /// platform), with the curated demo details below where there are some, else details read from its latest pack.
    /// </summary>
    public static IReadOnlyList<JurisdictionSeed> For(TechCenters.Policy.PolicyCatalog catalog) =>
        catalog.Jurisdictions.Select(id => Jurisdictions.FirstOrDefault(j => j.Id == id) ?? FromPack(catalog.Versions(id)[^1])).ToList();

    private static JurisdictionSeed FromPack(TechCenters.Policy.PolicyPack p)
    {
        var department = p.Actors.GetValueOrDefault("department") ?? "归口管理部门";
        // Demo only: a 行政区划代码 placeholder (the credit codes of demo units start with it).
        return new(p.Jurisdiction, p.JurisdictionName, p.Level, p.Actors.GetValueOrDefault("bureau") ?? p.Issuer, p.Jurisdiction, "000000",
            p.JurisdictionName, [(department, "归口管理部门")], []);
    }

    /// <summary>Curated demo details of the five jurisdictions the platform started with (fictional units are named after them).</summary>
    public static readonly JurisdictionSeed[] Jurisdictions =
    [
        new("xpcc-12th-division", "新疆生产建设兵团第十二师", "师", "第十二师科技局", "xpcc", "659012", "乌鲁木齐",
            [("一〇四团", "团场"), ("五一农场", "团场"), ("三坪农场", "团场"), ("头屯河农场", "团场"), ("西山农场", "团场"),
             ("二二二团", "团场"), ("乌鲁木齐高新区第十二师园区", "园区"), ("第十二师工业园区", "园区")],
            ["驻地高校", "师直单位"]),
        new("xinjiang", "新疆维吾尔自治区", "自治区", "新疆维吾尔自治区科学技术厅", "xj", "650100", "乌鲁木齐",
            [("乌鲁木齐市", "地州市"), ("昌吉回族自治州", "地州市"), ("伊犁哈萨克自治州", "地州市"), ("喀什地区", "地州市"),
             ("克拉玛依市", "地州市"), ("巴音郭楞蒙古自治州", "地州市"), ("阿克苏地区", "地州市"), ("哈密市", "地州市")],
            []),
        new("hohhot", "呼和浩特市", "市", "呼和浩特市科学技术局", "hhht", "150100", "呼和浩特",
            [("新城区", "旗县区"), ("回民区", "旗县区"), ("玉泉区", "旗县区"), ("赛罕区", "旗县区"), ("土默特左旗", "旗县区"),
             ("托克托县", "旗县区"), ("呼和浩特经济技术开发区", "开发区"), ("和林格尔新区", "开发区")],
            []),
        new("chongqing-wanzhou", "重庆市万州区", "区", "重庆市万州区科学技术局", "wz", "500101", "万州",
            [("万州经济技术开发区", "经开区"), ("万州区经济和信息化委员会", "区级部门"), ("万州区农业农村委员会", "区级部门"),
             ("万州区卫生健康委员会", "区级部门"), ("万州区教育委员会", "区级部门"), ("万州区生态环境局", "区级部门")],
            []),
        new("cangzhou", "沧州市", "市", "沧州市科学技术局", "cz", "130900", "沧州",
            [("运河区", "县市区"), ("新华区", "县市区"), ("任丘市", "县市区"), ("黄骅市", "县市区"), ("河间市", "县市区"),
             ("泊头市", "县市区"), ("沧县", "县市区"), ("沧州高新区", "县市区"), ("沧州渤海新区", "县市区")],
            []),
    ];

    public static readonly string[] EnterpriseWords =
        ["天山", "博达", "恒信", "华泰", "瑞丰", "金穗", "绿源", "中科", "宏远", "鑫盛", "锦程", "安泰", "华宇", "新元", "腾飞", "祥和", "润泽", "昊天", "丰源", "众合"];
    public static readonly string[] Industries =
        ["新材料科技", "生物科技", "智能装备", "现代农业", "节水灌溉", "新能源", "精细化工", "食品科技", "信息技术", "环保科技", "医药", "汽车零部件", "管道装备", "棉纺科技", "乳业"];
    public static readonly string[] UniversitySuffix =
        ["职业技术学院", "理工学院", "农业职业学院", "医学高等专科学校", "科技学院", "工程学院", "师范学院", "商贸职业学院", "交通职业学院", "电子信息职业学院", "机电职业学院", "建设职业学院"];
    public static readonly string[] InstituteFields =
        ["农业科学研究院", "畜牧科学研究所", "林业科学研究院", "水利科学研究所", "轻工业研究所", "化工研究院", "机械研究所", "环境科学研究院", "计量测试研究院", "农机化研究所", "生物技术研究所", "信息技术研究所"];
    public static readonly string[] NewRdFields =
        ["产业技术研究院", "智能制造创新研究院", "绿色低碳技术研究院", "生物医药创新中心研究院", "数字农业研究院", "新材料研究院", "先进装备研究院", "现代食品产业研究院", "氢能技术研究院", "节水农业工程研究院", "数字经济研究院", "特色资源开发研究院"];

    public static readonly string[] EnterpriseTitles = ["正高级工程师", "高级工程师", "工程师", "助理工程师", "高级经济师", "高级会计师"];
    public static readonly string[] EnterprisePositions = ["董事长", "总经理", "技术总监", "研发中心主任", "财务总监", "项目经理", "研发工程师"];
    public static readonly string[] AcademicTitles = ["教授", "副教授", "讲师", "研究员", "副研究员", "助理研究员", "正高级实验师"];
    public static readonly string[] AcademicPositions = ["校长", "副校长", "科技处处长", "院长", "所长", "副所长", "学科带头人", "课题组长"];

    public static readonly (string Field, Features.Units.ExpertiseKind Kind)[] ExpertFields =
    [
        ("作物遗传育种", Features.Units.ExpertiseKind.Technical), ("节水灌溉工程", Features.Units.ExpertiseKind.Technical),
        ("新材料", Features.Units.ExpertiseKind.Technical), ("智能制造", Features.Units.ExpertiseKind.Technical),
        ("生物医药", Features.Units.ExpertiseKind.Technical), ("食品工程", Features.Units.ExpertiseKind.Technical),
        ("化学工程", Features.Units.ExpertiseKind.Technical), ("电子信息", Features.Units.ExpertiseKind.Technical),
        ("科技管理", Features.Units.ExpertiseKind.Management), ("技术经济与管理", Features.Units.ExpertiseKind.Management),
        ("知识产权管理", Features.Units.ExpertiseKind.Management), ("财务审计", Features.Units.ExpertiseKind.Finance),
        ("会计与资产评估", Features.Units.ExpertiseKind.Finance), ("科技金融", Features.Units.ExpertiseKind.Finance),
    ];

    public static readonly string[] Surnames =
        ["王", "李", "张", "刘", "陈", "杨", "黄", "赵", "吴", "周", "徐", "孙", "马", "朱", "胡", "郭", "何", "高", "林", "罗", "郑", "梁", "谢", "宋", "唐", "许", "韩", "冯", "邓", "曹", "彭", "曾", "肖", "田", "董", "袁", "潘", "于", "蒋", "蔡", "余", "杜", "叶", "程", "苏", "魏", "吕", "丁", "任", "沈", "姚", "卢", "姜", "崔", "钟", "谭", "陆", "汪", "范", "金", "石", "廖", "贾", "夏", "韦", "付", "方", "白", "邹", "孟", "熊", "秦", "邱", "江", "尹", "薛", "闫", "段", "雷", "侯", "龙", "史", "陶", "黎", "贺", "顾", "毛", "郝", "龚", "邵", "万", "钱", "严", "覃", "武", "戴", "莫", "孔", "向", "汤"];
    public static readonly string[] GivenNames =
        ["伟", "芳", "娜", "敏", "静", "丽", "强", "磊", "军", "洋", "勇", "艳", "杰", "娟", "涛", "明", "超", "秀兰", "霞", "平", "刚", "桂英", "建华", "建国", "志强", "海燕", "晓东", "文博", "思远", "子涵", "雨萱", "浩然", "欣怡", "宇航", "梓萱", "俊杰", "嘉怡", "一鸣", "晨曦", "佳琪", "振华", "国庆", "红梅", "玉兰", "志刚", "立新", "春燕", "建军", "丽娟", "永强", "德明", "学文", "光辉", "新民", "爱华", "秀英", "凤英", "淑珍", "海涛", "卫东"];
}
