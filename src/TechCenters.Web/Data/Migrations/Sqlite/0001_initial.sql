-- 0001 initial schema (SQLite). Generated once from the EF model with GenerateCreateScript(), then maintained by hand.

CREATE TABLE "AspNetRoles" (
    "Id" TEXT NOT NULL CONSTRAINT "PK_AspNetRoles" PRIMARY KEY,
    "Name" TEXT NULL,
    "NormalizedName" TEXT NULL,
    "ConcurrencyStamp" TEXT NULL
);


CREATE TABLE "AspNetUsers" (
    "Id" TEXT NOT NULL CONSTRAINT "PK_AspNetUsers" PRIMARY KEY,

    -- 显示姓名
    "DisplayName" TEXT NOT NULL,

    -- 所属管理辖区
    "JurisdictionId" TEXT NULL,

    -- 所属归口管理部门
    "DepartmentId" INTEGER NULL,

    -- 所属申报单位
    "UnitId" INTEGER NULL,

    -- 对应专家库成员
    "ExpertId" INTEGER NULL,

    -- 创建时间
    "CreatedAt" INTEGER NOT NULL,

    "UserName" TEXT NULL,

    "NormalizedUserName" TEXT NULL,

    "Email" TEXT NULL,

    "NormalizedEmail" TEXT NULL,

    "EmailConfirmed" INTEGER NOT NULL,

    "PasswordHash" TEXT NULL,

    "SecurityStamp" TEXT NULL,

    "ConcurrencyStamp" TEXT NULL,

    "PhoneNumber" TEXT NULL,

    "PhoneNumberConfirmed" INTEGER NOT NULL,

    "TwoFactorEnabled" INTEGER NOT NULL,

    "LockoutEnd" INTEGER NULL,

    "LockoutEnabled" INTEGER NOT NULL,

    "AccessFailedCount" INTEGER NOT NULL
);


CREATE TABLE "AuditEntries" (
    -- 审计日志（只追加，哈希链防篡改）

    "Id" INTEGER NOT NULL CONSTRAINT "PK_AuditEntries" PRIMARY KEY AUTOINCREMENT,

    -- 链上序号
    "Sequence" INTEGER NOT NULL,

    -- 发生时间（UTC）
    "OccurredAt" INTEGER NOT NULL,

    -- 记录时本地时区相对UTC的偏移（分钟）
    "UtcOffsetMinutes" INTEGER NOT NULL,

    -- 用户标识
    "UserId" TEXT NULL,

    -- 用户名
    "UserName" TEXT NOT NULL,

    -- 客户端地址
    "ClientAddress" TEXT NOT NULL,

    -- 操作
    "Action" TEXT NOT NULL,

    -- 对象类型
    "ObjectType" TEXT NULL,

    -- 对象标识
    "ObjectId" TEXT NULL,

    -- 结果
    "Outcome" TEXT NOT NULL,

    -- 详情
    "Detail" TEXT NULL,

    -- 前一条记录的哈希（SM3）
    "PreviousHash" TEXT NOT NULL,

    -- 本条记录的哈希（SM3）
    "Hash" TEXT NOT NULL
);


CREATE TABLE "Jurisdictions" (
    -- 管理辖区

    -- 辖区标识（与管理办法文件名一致）
    "Id" TEXT NOT NULL CONSTRAINT "PK_Jurisdictions" PRIMARY KEY,

    -- 辖区名称
    "Name" TEXT NOT NULL,

    -- 层级
    "Level" TEXT NOT NULL,

    -- 科技主管部门名称
    "BureauName" TEXT NOT NULL
);


CREATE TABLE "AspNetRoleClaims" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_AspNetRoleClaims" PRIMARY KEY AUTOINCREMENT,
    "RoleId" TEXT NOT NULL,
    "ClaimType" TEXT NULL,
    "ClaimValue" TEXT NULL,
    CONSTRAINT "FK_AspNetRoleClaims_AspNetRoles_RoleId" FOREIGN KEY ("RoleId") REFERENCES "AspNetRoles" ("Id") ON DELETE CASCADE
);


CREATE TABLE "AspNetUserClaims" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_AspNetUserClaims" PRIMARY KEY AUTOINCREMENT,
    "UserId" TEXT NOT NULL,
    "ClaimType" TEXT NULL,
    "ClaimValue" TEXT NULL,
    CONSTRAINT "FK_AspNetUserClaims_AspNetUsers_UserId" FOREIGN KEY ("UserId") REFERENCES "AspNetUsers" ("Id") ON DELETE CASCADE
);


CREATE TABLE "AspNetUserLogins" (
    "LoginProvider" TEXT NOT NULL,
    "ProviderKey" TEXT NOT NULL,
    "ProviderDisplayName" TEXT NULL,
    "UserId" TEXT NOT NULL,
    CONSTRAINT "PK_AspNetUserLogins" PRIMARY KEY ("LoginProvider", "ProviderKey"),
    CONSTRAINT "FK_AspNetUserLogins_AspNetUsers_UserId" FOREIGN KEY ("UserId") REFERENCES "AspNetUsers" ("Id") ON DELETE CASCADE
);


CREATE TABLE "AspNetUserPasskeys" (
    "CredentialId" BLOB NOT NULL CONSTRAINT "PK_AspNetUserPasskeys" PRIMARY KEY,
    "UserId" TEXT NOT NULL,
    "Data" TEXT NOT NULL,
    CONSTRAINT "FK_AspNetUserPasskeys_AspNetUsers_UserId" FOREIGN KEY ("UserId") REFERENCES "AspNetUsers" ("Id") ON DELETE CASCADE
);


CREATE TABLE "AspNetUserRoles" (
    "UserId" TEXT NOT NULL,
    "RoleId" TEXT NOT NULL,
    CONSTRAINT "PK_AspNetUserRoles" PRIMARY KEY ("UserId", "RoleId"),
    CONSTRAINT "FK_AspNetUserRoles_AspNetRoles_RoleId" FOREIGN KEY ("RoleId") REFERENCES "AspNetRoles" ("Id") ON DELETE CASCADE,
    CONSTRAINT "FK_AspNetUserRoles_AspNetUsers_UserId" FOREIGN KEY ("UserId") REFERENCES "AspNetUsers" ("Id") ON DELETE CASCADE
);


CREATE TABLE "AspNetUserTokens" (
    "UserId" TEXT NOT NULL,
    "LoginProvider" TEXT NOT NULL,
    "Name" TEXT NOT NULL,
    "Value" TEXT NULL,
    CONSTRAINT "PK_AspNetUserTokens" PRIMARY KEY ("UserId", "LoginProvider", "Name"),
    CONSTRAINT "FK_AspNetUserTokens_AspNetUsers_UserId" FOREIGN KEY ("UserId") REFERENCES "AspNetUsers" ("Id") ON DELETE CASCADE
);


CREATE TABLE "Departments" (
    -- 归口管理部门/属地主管部门

    "Id" INTEGER NOT NULL CONSTRAINT "PK_Departments" PRIMARY KEY AUTOINCREMENT,

    -- 所属管理辖区
    "JurisdictionId" TEXT NOT NULL,

    -- 部门名称
    "Name" TEXT NOT NULL,

    -- 部门类别（团场、园区、地州市、旗县区、开发区、县市区等）
    "Kind" TEXT NOT NULL,
    CONSTRAINT "FK_Departments_Jurisdictions_JurisdictionId" FOREIGN KEY ("JurisdictionId") REFERENCES "Jurisdictions" ("Id") ON DELETE RESTRICT
);


CREATE TABLE "Units" (
    -- 申报单位

    "Id" INTEGER NOT NULL CONSTRAINT "PK_Units" PRIMARY KEY AUTOINCREMENT,

    -- 统一社会信用代码
    "CreditCode" TEXT NOT NULL,

    -- 单位名称
    "Name" TEXT NOT NULL,

    -- 单位类型：1企业 2高等院校 3科研院所 4新型研发机构
    "Type" INTEGER NOT NULL,

    -- 所属管理辖区
    "JurisdictionId" TEXT NOT NULL,

    -- 归口管理部门（为空表示直接向科技局申报）
    "DepartmentId" INTEGER NULL,

    -- 所在地区
    "Region" TEXT NOT NULL,

    -- 注册地址
    "RegisteredAddress" TEXT NOT NULL,

    -- 创建时间
    "CreatedAt" INTEGER NOT NULL,
    CONSTRAINT "FK_Units_Departments_DepartmentId" FOREIGN KEY ("DepartmentId") REFERENCES "Departments" ("Id") ON DELETE RESTRICT,
    CONSTRAINT "FK_Units_Jurisdictions_JurisdictionId" FOREIGN KEY ("JurisdictionId") REFERENCES "Jurisdictions" ("Id") ON DELETE RESTRICT
);


CREATE TABLE "Experts" (
    -- 专家库

    "Id" INTEGER NOT NULL CONSTRAINT "PK_Experts" PRIMARY KEY AUTOINCREMENT,

    -- 所属专家库（管理辖区）
    "JurisdictionId" TEXT NOT NULL,

    -- 姓名
    "Name" TEXT NOT NULL,

    -- 专业领域
    "Field" TEXT NOT NULL,

    -- 专家类别：1技术 2管理 3财务
    "Kind" INTEGER NOT NULL,

    -- 职称
    "Title" TEXT NULL,

    -- 工作单位
    "Employer" TEXT NOT NULL,

    -- 工作单位（平台内单位）
    "UnitId" INTEGER NULL,

    -- 手机号码（脱敏显示）
    "Phone" TEXT NULL,
    CONSTRAINT "FK_Experts_Jurisdictions_JurisdictionId" FOREIGN KEY ("JurisdictionId") REFERENCES "Jurisdictions" ("Id") ON DELETE RESTRICT,
    CONSTRAINT "FK_Experts_Units_UnitId" FOREIGN KEY ("UnitId") REFERENCES "Units" ("Id") ON DELETE RESTRICT
);


CREATE TABLE "People" (
    -- 单位人员

    "Id" INTEGER NOT NULL CONSTRAINT "PK_People" PRIMARY KEY AUTOINCREMENT,

    -- 所在单位
    "UnitId" INTEGER NOT NULL,

    -- 姓名
    "Name" TEXT NOT NULL,

    -- 职称
    "Title" TEXT NULL,

    -- 职务
    "Position" TEXT NULL,

    -- 手机号码（页面与导出一律脱敏）
    "Phone" TEXT NULL,

    -- 身份证号码（页面与导出一律脱敏）
    "IdNumber" TEXT NULL,
    CONSTRAINT "FK_People_Units_UnitId" FOREIGN KEY ("UnitId") REFERENCES "Units" ("Id") ON DELETE CASCADE
);


CREATE TABLE "ExpertRelations" (
    -- 专家申报的关联单位（回避依据）

    "Id" INTEGER NOT NULL CONSTRAINT "PK_ExpertRelations" PRIMARY KEY AUTOINCREMENT,

    -- 专家
    "ExpertId" INTEGER NOT NULL,

    -- 关联单位
    "UnitId" INTEGER NOT NULL,

    -- 关联关系
    "Relation" TEXT NOT NULL,
    CONSTRAINT "FK_ExpertRelations_Experts_ExpertId" FOREIGN KEY ("ExpertId") REFERENCES "Experts" ("Id") ON DELETE CASCADE,
    CONSTRAINT "FK_ExpertRelations_Units_UnitId" FOREIGN KEY ("UnitId") REFERENCES "Units" ("Id") ON DELETE CASCADE
);


CREATE INDEX "IX_AspNetRoleClaims_RoleId" ON "AspNetRoleClaims" ("RoleId");


CREATE UNIQUE INDEX "RoleNameIndex" ON "AspNetRoles" ("NormalizedName");


CREATE INDEX "IX_AspNetUserClaims_UserId" ON "AspNetUserClaims" ("UserId");


CREATE INDEX "IX_AspNetUserLogins_UserId" ON "AspNetUserLogins" ("UserId");


CREATE INDEX "IX_AspNetUserPasskeys_UserId" ON "AspNetUserPasskeys" ("UserId");


CREATE INDEX "IX_AspNetUserRoles_RoleId" ON "AspNetUserRoles" ("RoleId");


CREATE INDEX "EmailIndex" ON "AspNetUsers" ("NormalizedEmail");


CREATE UNIQUE INDEX "UserNameIndex" ON "AspNetUsers" ("NormalizedUserName");


CREATE INDEX "IX_AuditEntries_OccurredAt" ON "AuditEntries" ("OccurredAt");


CREATE UNIQUE INDEX "IX_AuditEntries_Sequence" ON "AuditEntries" ("Sequence");


CREATE INDEX "IX_AuditEntries_UserName_Sequence" ON "AuditEntries" ("UserName", "Sequence");


CREATE UNIQUE INDEX "IX_Departments_JurisdictionId_Name" ON "Departments" ("JurisdictionId", "Name");


CREATE INDEX "IX_ExpertRelations_ExpertId" ON "ExpertRelations" ("ExpertId");


CREATE INDEX "IX_ExpertRelations_UnitId" ON "ExpertRelations" ("UnitId");


CREATE INDEX "IX_Experts_JurisdictionId" ON "Experts" ("JurisdictionId");


CREATE INDEX "IX_Experts_UnitId" ON "Experts" ("UnitId");


CREATE INDEX "IX_People_UnitId_Name" ON "People" ("UnitId", "Name");


CREATE UNIQUE INDEX "IX_Units_CreditCode" ON "Units" ("CreditCode");


CREATE INDEX "IX_Units_DepartmentId_Name" ON "Units" ("DepartmentId", "Name");


CREATE INDEX "IX_Units_DepartmentId_Type" ON "Units" ("DepartmentId", "Type");


CREATE INDEX "IX_Units_JurisdictionId_Name" ON "Units" ("JurisdictionId", "Name");


CREATE INDEX "IX_Units_JurisdictionId_Type" ON "Units" ("JurisdictionId", "Type");



-- 审计日志只追加：拒绝修改与删除。
CREATE TRIGGER "AuditEntries_no_update" BEFORE UPDATE ON "AuditEntries"
BEGIN
    SELECT RAISE(ABORT, '审计日志只允许追加，不允许修改');
END;

CREATE TRIGGER "AuditEntries_no_delete" BEFORE DELETE ON "AuditEntries"
BEGIN
    SELECT RAISE(ABORT, '审计日志只允许追加，不允许删除');
END;
