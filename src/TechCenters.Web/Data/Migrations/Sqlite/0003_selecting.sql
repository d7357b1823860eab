-- 0003 selecting (expert panels and reviews, decisions, public notices and objections, centers) — Sqlite.
-- Generated from the EF model with GenerateCreateScript(), then maintained by hand.

CREATE TABLE "ExpertPanels" (
    -- 专家组

    "Id" INTEGER NOT NULL CONSTRAINT "PK_ExpertPanels" PRIMARY KEY AUTOINCREMENT,

    -- 管理辖区
    "JurisdictionId" TEXT NOT NULL,

    -- 专家组名称
    "Name" TEXT NOT NULL,

    -- 组建时间
    "FormedAt" INTEGER NOT NULL,

    -- 组建人
    "FormedBy" TEXT NULL,
    CONSTRAINT "FK_ExpertPanels_Jurisdictions_JurisdictionId" FOREIGN KEY ("JurisdictionId") REFERENCES "Jurisdictions" ("Id") ON DELETE RESTRICT
);

CREATE TABLE "PublicNotices" (
    -- 公示

    "Id" INTEGER NOT NULL CONSTRAINT "PK_PublicNotices" PRIMARY KEY AUTOINCREMENT,

    -- 管理辖区
    "JurisdictionId" TEXT NOT NULL,

    -- 公示标题
    "Title" TEXT NOT NULL,

    -- 公示发布日期
    "PublishedOn" TEXT NOT NULL,

    -- 公示期（工作日）
    "WorkingDays" INTEGER NULL,

    -- 公示截止日期（含）
    "EndsOn" TEXT NOT NULL,

    -- 截止日期由经办人确认
    "EndConfirmedByOfficer" INTEGER NOT NULL,

    -- 截止日期依据
    "EndBasis" TEXT NOT NULL,

    -- 发布时间
    "PublishedAt" INTEGER NOT NULL,

    -- 发布人
    "PublishedBy" TEXT NULL,
    CONSTRAINT "FK_PublicNotices_Jurisdictions_JurisdictionId" FOREIGN KEY ("JurisdictionId") REFERENCES "Jurisdictions" ("Id") ON DELETE RESTRICT
);

CREATE TABLE "Centers" (
    -- 技术创新中心

    "Id" INTEGER NOT NULL CONSTRAINT "PK_Centers" PRIMARY KEY AUTOINCREMENT,

    -- 管理辖区
    "JurisdictionId" TEXT NOT NULL,

    -- 认定所依据的申报书
    "ApplicationId" INTEGER NOT NULL,

    -- 中心名称
    "Name" TEXT NOT NULL,

    -- 牵头（依托）单位
    "LeadUnitId" INTEGER NOT NULL,

    -- 牵头（依托）单位名称
    "LeadUnitName" TEXT NOT NULL,

    -- 共建单位（每行一个）
    "CoBuilderNames" TEXT NULL,

    -- 批准文号
    "ApprovalNumber" TEXT NOT NULL,

    -- 批准日期
    "ApprovedOn" TEXT NOT NULL,

    -- 建设期（年）
    "ConstructionYears" INTEGER NULL,

    -- 建设期截止日期
    "ConstructionEndsOn" TEXT NULL,

    -- 认定补助（元）
    "SubsidyYuan" TEXT NULL,

    -- 认定所依据的政策包版本
    "PackVersion" TEXT NOT NULL,

    -- 认定所依据的管理办法文号
    "PackDocument" TEXT NOT NULL,

    -- 创建时间
    "CreatedAt" INTEGER NOT NULL,

    -- 创建人
    "CreatedBy" TEXT NULL,
    CONSTRAINT "FK_Centers_Applications_ApplicationId" FOREIGN KEY ("ApplicationId") REFERENCES "Applications" ("Id") ON DELETE RESTRICT,
    CONSTRAINT "FK_Centers_Jurisdictions_JurisdictionId" FOREIGN KEY ("JurisdictionId") REFERENCES "Jurisdictions" ("Id") ON DELETE RESTRICT,
    CONSTRAINT "FK_Centers_Units_LeadUnitId" FOREIGN KEY ("LeadUnitId") REFERENCES "Units" ("Id") ON DELETE RESTRICT
);

CREATE TABLE "DecisionRecords" (
    -- 决策会议结果

    "Id" INTEGER NOT NULL CONSTRAINT "PK_DecisionRecords" PRIMARY KEY AUTOINCREMENT,

    -- 申报书
    "ApplicationId" INTEGER NOT NULL,

    -- 管理辖区
    "JurisdictionId" TEXT NOT NULL,

    -- 决策会议（按政策包）
    "Meeting" TEXT NOT NULL,

    -- 会议日期
    "MeetingDate" TEXT NOT NULL,

    -- 是否同意
    "Approved" INTEGER NOT NULL,

    -- 会议意见
    "Note" TEXT NULL,

    -- 记录时间
    "RecordedAt" INTEGER NOT NULL,

    -- 记录人
    "RecordedBy" TEXT NULL,
    CONSTRAINT "FK_DecisionRecords_Applications_ApplicationId" FOREIGN KEY ("ApplicationId") REFERENCES "Applications" ("Id") ON DELETE CASCADE
);

CREATE TABLE "PanelAssignments" (
    -- 专家组评审的申报

    "Id" INTEGER NOT NULL CONSTRAINT "PK_PanelAssignments" PRIMARY KEY AUTOINCREMENT,

    -- 专家组
    "PanelId" INTEGER NOT NULL,

    -- 申报书
    "ApplicationId" INTEGER NOT NULL,
    CONSTRAINT "FK_PanelAssignments_Applications_ApplicationId" FOREIGN KEY ("ApplicationId") REFERENCES "Applications" ("Id") ON DELETE CASCADE,
    CONSTRAINT "FK_PanelAssignments_ExpertPanels_PanelId" FOREIGN KEY ("PanelId") REFERENCES "ExpertPanels" ("Id") ON DELETE CASCADE
);

CREATE TABLE "PublicNoticeItems" (
    -- 公示名单

    "Id" INTEGER NOT NULL CONSTRAINT "PK_PublicNoticeItems" PRIMARY KEY AUTOINCREMENT,

    -- 公示
    "NoticeId" INTEGER NOT NULL,

    -- 申报书
    "ApplicationId" INTEGER NOT NULL,

    -- 拟认定中心名称
    "CenterName" TEXT NOT NULL,

    -- 牵头（依托）单位
    "LeadUnitName" TEXT NOT NULL,

    -- 共建单位（每行一个）
    "CoBuilderNames" TEXT NULL,
    CONSTRAINT "FK_PublicNoticeItems_Applications_ApplicationId" FOREIGN KEY ("ApplicationId") REFERENCES "Applications" ("Id") ON DELETE CASCADE,
    CONSTRAINT "FK_PublicNoticeItems_PublicNotices_NoticeId" FOREIGN KEY ("NoticeId") REFERENCES "PublicNotices" ("Id") ON DELETE CASCADE
);

CREATE TABLE "ExpertReviews" (
    -- 专家评审意见

    "Id" INTEGER NOT NULL CONSTRAINT "PK_ExpertReviews" PRIMARY KEY AUTOINCREMENT,

    -- 申报书
    "ApplicationId" INTEGER NOT NULL,

    -- 专家
    "ExpertId" INTEGER NOT NULL,

    -- 评分（0–100）
    "Score" TEXT NOT NULL,

    -- 是否同意通过
    "Recommend" INTEGER NOT NULL,

    -- 书面意见
    "Opinion" TEXT NOT NULL,

    -- 实地考察记录
    "SiteVisit" TEXT NULL,

    -- 实地考察日期
    "SiteVisitOn" TEXT NULL,

    -- 提交时间
    "SubmittedAt" INTEGER NOT NULL,
    CONSTRAINT "FK_ExpertReviews_Applications_ApplicationId" FOREIGN KEY ("ApplicationId") REFERENCES "Applications" ("Id") ON DELETE CASCADE,
    CONSTRAINT "FK_ExpertReviews_Experts_ExpertId" FOREIGN KEY ("ExpertId") REFERENCES "Experts" ("Id") ON DELETE RESTRICT
);

CREATE TABLE "PanelMembers" (
    -- 专家组成员

    "Id" INTEGER NOT NULL CONSTRAINT "PK_PanelMembers" PRIMARY KEY AUTOINCREMENT,

    -- 专家组
    "PanelId" INTEGER NOT NULL,

    -- 专家
    "ExpertId" INTEGER NOT NULL,
    CONSTRAINT "FK_PanelMembers_ExpertPanels_PanelId" FOREIGN KEY ("PanelId") REFERENCES "ExpertPanels" ("Id") ON DELETE CASCADE,
    CONSTRAINT "FK_PanelMembers_Experts_ExpertId" FOREIGN KEY ("ExpertId") REFERENCES "Experts" ("Id") ON DELETE RESTRICT
);

CREATE TABLE "Objections" (
    -- 公示异议

    "Id" INTEGER NOT NULL CONSTRAINT "PK_Objections" PRIMARY KEY AUTOINCREMENT,

    -- 公示
    "NoticeId" INTEGER NOT NULL,

    -- 公示名单条目
    "ItemId" INTEGER NOT NULL,

    -- 申报书
    "ApplicationId" INTEGER NOT NULL,

    -- 异议人联系方式（不公开）
    "Contact" TEXT NOT NULL,

    -- 异议理由
    "Reason" TEXT NOT NULL,

    -- 提出时间
    "RaisedAt" INTEGER NOT NULL,

    -- 处理结果
    "Resolution" TEXT NULL,

    -- 异议是否成立
    "Upheld" INTEGER NULL,

    -- 处理时间
    "ResolvedAt" INTEGER NULL,

    -- 处理人
    "ResolvedBy" TEXT NULL,
    CONSTRAINT "FK_Objections_Applications_ApplicationId" FOREIGN KEY ("ApplicationId") REFERENCES "Applications" ("Id") ON DELETE RESTRICT,
    CONSTRAINT "FK_Objections_PublicNoticeItems_ItemId" FOREIGN KEY ("ItemId") REFERENCES "PublicNoticeItems" ("Id") ON DELETE RESTRICT,
    CONSTRAINT "FK_Objections_PublicNotices_NoticeId" FOREIGN KEY ("NoticeId") REFERENCES "PublicNotices" ("Id") ON DELETE CASCADE
);

CREATE UNIQUE INDEX "IX_Centers_ApplicationId" ON "Centers" ("ApplicationId");

CREATE UNIQUE INDEX "IX_Centers_JurisdictionId_ApprovalNumber" ON "Centers" ("JurisdictionId", "ApprovalNumber");

CREATE INDEX "IX_Centers_LeadUnitId" ON "Centers" ("LeadUnitId");

CREATE INDEX "IX_DecisionRecords_ApplicationId" ON "DecisionRecords" ("ApplicationId");

CREATE INDEX "IX_ExpertPanels_JurisdictionId" ON "ExpertPanels" ("JurisdictionId");

CREATE UNIQUE INDEX "IX_ExpertReviews_ApplicationId_ExpertId" ON "ExpertReviews" ("ApplicationId", "ExpertId");

CREATE INDEX "IX_ExpertReviews_ExpertId" ON "ExpertReviews" ("ExpertId");

CREATE INDEX "IX_Objections_ApplicationId" ON "Objections" ("ApplicationId");

CREATE INDEX "IX_Objections_ItemId" ON "Objections" ("ItemId");

CREATE INDEX "IX_Objections_NoticeId" ON "Objections" ("NoticeId");

CREATE UNIQUE INDEX "IX_PanelAssignments_ApplicationId" ON "PanelAssignments" ("ApplicationId");

CREATE INDEX "IX_PanelAssignments_PanelId" ON "PanelAssignments" ("PanelId");

CREATE INDEX "IX_PanelMembers_ExpertId" ON "PanelMembers" ("ExpertId");

CREATE UNIQUE INDEX "IX_PanelMembers_PanelId_ExpertId" ON "PanelMembers" ("PanelId", "ExpertId");

CREATE UNIQUE INDEX "IX_PublicNoticeItems_ApplicationId" ON "PublicNoticeItems" ("ApplicationId");

CREATE INDEX "IX_PublicNoticeItems_NoticeId" ON "PublicNoticeItems" ("NoticeId");

CREATE INDEX "IX_PublicNotices_JurisdictionId_PublishedOn" ON "PublicNotices" ("JurisdictionId", "PublishedOn");
