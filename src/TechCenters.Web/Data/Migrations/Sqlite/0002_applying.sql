-- 0002 applying (calls, applications, versions, co-builders, attachments, activity timeline, revocations) — Sqlite.
-- Generated from the EF model with GenerateCreateScript(), then maintained by hand.

CREATE TABLE "Calls" (
    -- 申报通知

    "Id" INTEGER NOT NULL CONSTRAINT "PK_Calls" PRIMARY KEY AUTOINCREMENT,

    -- 管理辖区
    "JurisdictionId" TEXT NOT NULL,

    -- 通知标题
    "Title" TEXT NOT NULL,

    -- 优先建设布局领域（每行一个）
    "PriorityFields" TEXT NULL,

    -- 通知正文
    "Body" TEXT NULL,

    -- 开始申报时间（UTC）
    "OpensAt" INTEGER NOT NULL,

    -- 截止申报时间（UTC）
    "ClosesAt" INTEGER NOT NULL,

    -- 适用政策包版本（施行日期）
    "PackVersion" TEXT NOT NULL,

    -- 适用管理办法文号
    "PackDocument" TEXT NOT NULL,

    -- 发布时间
    "PublishedAt" INTEGER NOT NULL,

    -- 发布人
    "PublishedBy" TEXT NULL,
    CONSTRAINT "FK_Calls_Jurisdictions_JurisdictionId" FOREIGN KEY ("JurisdictionId") REFERENCES "Jurisdictions" ("Id") ON DELETE RESTRICT
);

CREATE TABLE "Applications" (
    -- 申报书（含建设方案）

    "Id" INTEGER NOT NULL CONSTRAINT "PK_Applications" PRIMARY KEY AUTOINCREMENT,

    -- 申报通知
    "CallId" INTEGER NOT NULL,

    -- 管理辖区
    "JurisdictionId" TEXT NOT NULL,

    -- 牵头（依托）单位
    "LeadUnitId" INTEGER NOT NULL,

    -- 归口管理部门（为空表示直接报科技局）
    "DepartmentId" INTEGER NULL,

    -- 拟定中心名称
    "CenterName" TEXT NOT NULL,

    -- 当前阶段（政策包阶段标识）
    "StageId" TEXT NOT NULL,

    -- 当前阶段的性质（step）
    "Step" TEXT NOT NULL,

    -- 待办方（政策包参与方）
    "Holder" TEXT NULL,

    -- 本阶段已提交
    "SubmittedInStage" INTEGER NOT NULL,

    -- 适用政策包版本（施行日期）
    "PackVersion" TEXT NOT NULL,

    -- 适用管理办法文号
    "PackDocument" TEXT NOT NULL,

    -- 申报书事实（JSON）
    "FactsJson" TEXT NOT NULL,

    -- 建设方案各部分（JSON）
    "PlanJson" TEXT NOT NULL,

    -- 申报书其他栏目（JSON）
    "FormJson" TEXT NOT NULL,

    -- 最近一次提交的回执编号
    "ReceiptNumber" TEXT NULL,

    -- 最近一次提交时间
    "SubmittedAt" INTEGER NULL,

    -- 已提交版本数
    "VersionCount" INTEGER NOT NULL,

    -- 退回修改理由
    "ReturnReason" TEXT NULL,

    -- 创建时间
    "CreatedAt" INTEGER NOT NULL,

    -- 最后修改时间
    "UpdatedAt" INTEGER NOT NULL,

    -- 创建人
    "CreatedBy" TEXT NULL,

    -- 并发版本号（每次保存加一）
    "Revision" INTEGER NOT NULL,
    CONSTRAINT "FK_Applications_Calls_CallId" FOREIGN KEY ("CallId") REFERENCES "Calls" ("Id") ON DELETE RESTRICT,
    CONSTRAINT "FK_Applications_Departments_DepartmentId" FOREIGN KEY ("DepartmentId") REFERENCES "Departments" ("Id") ON DELETE RESTRICT,
    CONSTRAINT "FK_Applications_Jurisdictions_JurisdictionId" FOREIGN KEY ("JurisdictionId") REFERENCES "Jurisdictions" ("Id") ON DELETE RESTRICT,
    CONSTRAINT "FK_Applications_Units_LeadUnitId" FOREIGN KEY ("LeadUnitId") REFERENCES "Units" ("Id") ON DELETE RESTRICT
);

CREATE TABLE "Revocations" (
    -- 撤销认定记录（不得再行申报的依据）

    "Id" INTEGER NOT NULL CONSTRAINT "PK_Revocations" PRIMARY KEY AUTOINCREMENT,

    -- 被撤销的牵头（依托）单位
    "UnitId" INTEGER NOT NULL,

    -- 管理辖区
    "JurisdictionId" TEXT NOT NULL,

    -- 撤销决定日期
    "RevokedOn" TEXT NOT NULL,

    -- 撤销情形（政策包规则标识）
    "Ground" TEXT NOT NULL,

    -- 撤销决定文号
    "Document" TEXT NULL,

    -- 说明
    "Note" TEXT NULL,
    CONSTRAINT "FK_Revocations_Jurisdictions_JurisdictionId" FOREIGN KEY ("JurisdictionId") REFERENCES "Jurisdictions" ("Id") ON DELETE RESTRICT,
    CONSTRAINT "FK_Revocations_Units_UnitId" FOREIGN KEY ("UnitId") REFERENCES "Units" ("Id") ON DELETE RESTRICT
);

CREATE TABLE "Activities" (
    -- 申报办理记录（时间线）

    "Id" INTEGER NOT NULL CONSTRAINT "PK_Activities" PRIMARY KEY AUTOINCREMENT,

    -- 申报书
    "ApplicationId" INTEGER NOT NULL,

    -- 发生时间（UTC）
    "OccurredAt" INTEGER NOT NULL,

    -- 用户标识
    "UserId" TEXT NULL,

    -- 用户名
    "UserName" TEXT NOT NULL,

    -- 角色
    "Role" TEXT NULL,

    -- 操作
    "Action" TEXT NOT NULL,

    -- 原阶段
    "FromStage" TEXT NULL,

    -- 新阶段
    "ToStage" TEXT NULL,

    -- 原阶段名称
    "FromStageName" TEXT NULL,

    -- 新阶段名称
    "ToStageName" TEXT NULL,

    -- 政策包版本
    "PackVersion" TEXT NOT NULL,

    -- 管理办法文号
    "PackDocument" TEXT NOT NULL,

    -- 依据条款
    "Article" TEXT NULL,

    -- 意见、理由或回执
    "Note" TEXT NULL,
    CONSTRAINT "FK_Activities_Applications_ApplicationId" FOREIGN KEY ("ApplicationId") REFERENCES "Applications" ("Id") ON DELETE CASCADE
);

CREATE TABLE "ApplicationCoBuilders" (
    -- 申报书的共建单位

    "Id" INTEGER NOT NULL CONSTRAINT "PK_ApplicationCoBuilders" PRIMARY KEY AUTOINCREMENT,

    "ApplicationId" INTEGER NOT NULL,

    -- 共建单位
    "UnitId" INTEGER NOT NULL,

    -- 承担任务比例（0–1）
    "WorkShare" TEXT NULL,

    -- 核心共建单位
    "Core" INTEGER NOT NULL,

    -- 所在地（local/province/domestic/foreign）
    "Region" TEXT NOT NULL,

    -- 排序
    "Position" INTEGER NOT NULL,
    CONSTRAINT "FK_ApplicationCoBuilders_Applications_ApplicationId" FOREIGN KEY ("ApplicationId") REFERENCES "Applications" ("Id") ON DELETE CASCADE,
    CONSTRAINT "FK_ApplicationCoBuilders_Units_UnitId" FOREIGN KEY ("UnitId") REFERENCES "Units" ("Id") ON DELETE RESTRICT
);

CREATE TABLE "ApplicationVersions" (
    -- 申报书提交版本（每次提交一份，最后一份有效）

    "Id" INTEGER NOT NULL CONSTRAINT "PK_ApplicationVersions" PRIMARY KEY AUTOINCREMENT,

    "ApplicationId" INTEGER NOT NULL,

    -- 版本序号
    "Number" INTEGER NOT NULL,

    -- 回执编号
    "ReceiptNumber" TEXT NOT NULL,

    -- 提交幂等键
    "IdempotencyKey" TEXT NOT NULL,

    -- 提交时间（服务器）
    "SubmittedAt" INTEGER NOT NULL,

    -- 提交人
    "SubmittedBy" TEXT NULL,

    -- 提交时所处阶段
    "StageId" TEXT NOT NULL,

    -- 适用政策包版本
    "PackVersion" TEXT NOT NULL,

    -- 申报书事实（JSON）
    "FactsJson" TEXT NOT NULL,

    -- 申报书其他栏目（JSON）
    "FormJson" TEXT NOT NULL,

    -- 建设方案（JSON）
    "PlanJson" TEXT NOT NULL,

    -- 共建单位（JSON）
    "CoBuildersJson" TEXT NOT NULL,
    CONSTRAINT "FK_ApplicationVersions_Applications_ApplicationId" FOREIGN KEY ("ApplicationId") REFERENCES "Applications" ("Id") ON DELETE CASCADE
);

CREATE TABLE "Attachments" (
    -- 附件（按内容校验类型，SM3 摘要）

    "Id" INTEGER NOT NULL CONSTRAINT "PK_Attachments" PRIMARY KEY AUTOINCREMENT,

    -- 所属申报书
    "ApplicationId" INTEGER NULL,

    -- 所属申报通知
    "CallId" INTEGER NULL,

    -- 附件类别
    "Kind" TEXT NOT NULL,

    -- 原文件名
    "FileName" TEXT NOT NULL,

    -- 存储文件名（生成）
    "StoredName" TEXT NOT NULL,

    -- 内容类型（按文件内容判定）
    "ContentType" TEXT NOT NULL,

    -- 字节数
    "Size" INTEGER NOT NULL,

    -- SM3 摘要
    "Sm3" TEXT NOT NULL,

    -- 上传时间
    "UploadedAt" INTEGER NOT NULL,

    -- 上传人
    "UploadedBy" TEXT NULL,
    CONSTRAINT "FK_Attachments_Applications_ApplicationId" FOREIGN KEY ("ApplicationId") REFERENCES "Applications" ("Id") ON DELETE CASCADE,
    CONSTRAINT "FK_Attachments_Calls_CallId" FOREIGN KEY ("CallId") REFERENCES "Calls" ("Id") ON DELETE CASCADE
);

CREATE INDEX "IX_Activities_ApplicationId_Id" ON "Activities" ("ApplicationId", "Id");

CREATE UNIQUE INDEX "IX_ApplicationCoBuilders_ApplicationId_UnitId" ON "ApplicationCoBuilders" ("ApplicationId", "UnitId");

CREATE INDEX "IX_ApplicationCoBuilders_UnitId" ON "ApplicationCoBuilders" ("UnitId");

CREATE INDEX "IX_Applications_CallId" ON "Applications" ("CallId");

CREATE INDEX "IX_Applications_DepartmentId_Holder" ON "Applications" ("DepartmentId", "Holder");

CREATE INDEX "IX_Applications_JurisdictionId_Holder" ON "Applications" ("JurisdictionId", "Holder");

CREATE INDEX "IX_Applications_LeadUnitId_CallId" ON "Applications" ("LeadUnitId", "CallId");

CREATE UNIQUE INDEX "IX_ApplicationVersions_ApplicationId_Number" ON "ApplicationVersions" ("ApplicationId", "Number");

CREATE UNIQUE INDEX "IX_ApplicationVersions_IdempotencyKey" ON "ApplicationVersions" ("IdempotencyKey");

CREATE UNIQUE INDEX "IX_ApplicationVersions_ReceiptNumber" ON "ApplicationVersions" ("ReceiptNumber");

CREATE INDEX "IX_Attachments_ApplicationId" ON "Attachments" ("ApplicationId");

CREATE INDEX "IX_Attachments_CallId" ON "Attachments" ("CallId");

CREATE UNIQUE INDEX "IX_Attachments_StoredName" ON "Attachments" ("StoredName");

CREATE INDEX "IX_Calls_JurisdictionId_ClosesAt" ON "Calls" ("JurisdictionId", "ClosesAt");

CREATE INDEX "IX_Revocations_JurisdictionId" ON "Revocations" ("JurisdictionId");

CREATE INDEX "IX_Revocations_UnitId_RevokedOn" ON "Revocations" ("UnitId", "RevokedOn");
