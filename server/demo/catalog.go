// Package demo holds the demonstration data of the portal: a county service centre with its
// township centres, the departments stationed in the hall, and a service catalog written the
// way a county's 办事指南 reads. Everything here is invented for demonstration, modelled on
// the source documents (DESIGN §1–4); addresses and phone numbers are fictitious.
package demo

import "portal/server/portal"

// Sites returns the county centre first, then the township centres.
func Sites() []portal.Site {
	const townHours = "周一至周五 9:00-12:00 13:30-17:30，逢场天提前至8:30开门"
	sites := []portal.Site{
		{
			Code:    "county",
			Name:    "县政务服务中心",
			Kind:    "county",
			Address: "富世镇西湖大道一段168号县政务服务综合办公楼",
			Hours:   "周一至周五 9:00-12:00 13:30-17:30，周六上午延时服务 9:00-12:00",
			Phone:   "0813-7202345",
		},
		{Code: "t-fushi", Name: "富世镇便民服务中心", Kind: "township", Address: "富世镇釜江路56号", Hours: townHours, Phone: "0813-7212061"},
		{Code: "t-donghu", Name: "东湖镇便民服务中心", Kind: "township", Address: "东湖镇东湖街98号", Hours: townHours, Phone: "0813-7231018"},
		{Code: "t-zhaohua", Name: "赵化镇便民服务中心", Kind: "township", Address: "赵化镇正街132号", Hours: townHours, Phone: "0813-7260123"},
		{Code: "t-huaide", Name: "怀德镇便民服务中心", Kind: "township", Address: "怀德镇新民街21号", Hours: townHours, Phone: "0813-7281105"},
		{Code: "t-pipa", Name: "琵琶镇便民服务中心", Kind: "township", Address: "琵琶镇兴隆街7号", Hours: townHours, Phone: "0813-7246032"},
		{Code: "t-tongsi", Name: "童寺镇便民服务中心", Kind: "township", Address: "童寺镇场镇中心路15号", Hours: townHours, Phone: "0813-7293310"},
	}
	for i := range sites {
		sites[i].Position = i + 1
	}
	return sites
}

// Departments returns the departments with a window in the county hall, in hall order.
func Departments() []portal.Department {
	deps := []portal.Department{
		{Code: "fgj", Name: "发展和改革局"},
		{Code: "zrzyj", Name: "自然资源局"},
		{Code: "zjj", Name: "住房和城乡建设局"},
		{Code: "sthjj", Name: "生态环境局"},
		{Code: "scjgj", Name: "市场监督管理局"},
		{Code: "swj", Name: "税务局"},
		{Code: "rsj", Name: "人力资源和社会保障局"},
		{Code: "ybj", Name: "医疗保障局"},
		{Code: "mzj", Name: "民政局"},
		{Code: "gaj", Name: "公安局户政大厅"},
		{Code: "jjdd", Name: "公安局交警大队"},
		{Code: "bdcdj", Name: "不动产登记中心"},
		{Code: "wjj", Name: "卫生健康局"},
		{Code: "slj", Name: "水利局"},
		{Code: "jtysj", Name: "交通运输局"},
		{Code: "nyncj", Name: "农业农村局"},
		{Code: "jyj", Name: "教育局"},
		{Code: "wglj", Name: "文化广播电视和旅游局"},
		{Code: "yjglj", Name: "应急管理局"},
		{Code: "tyjrj", Name: "退役军人事务局"},
		{Code: "cl", Name: "残疾人联合会"},
	}
	for i := range deps {
		deps[i].Position = i + 1
	}
	return deps
}

// ---- helpers: every call returns fresh values, so callers may modify what they get ----

const (
	free = "不收费"

	mb2  = 2 << 20
	mb5  = 5 << 20
	mb10 = 10 << 20
	mb20 = 20 << 20

	sampleForm = "可在窗口领取或网站下载样表"
)

func anyFormat() []string { return []string{"pdf", "jpg", "png"} }
func pdfOnly() []string   { return []string{"pdf"} }
func imageOnly() []string { return []string{"jpg", "png"} }

// atCounty lists the county centre only.
func atCounty() []string { return []string{"county"} }

// atAllSites lists the county centre and every township centre.
func atAllSites() []string {
	var codes []string
	for _, s := range Sites() {
		codes = append(codes, s.Code)
	}
	return codes
}

// atTownships lists the township centres only.
func atTownships() []string {
	var codes []string
	for _, s := range Sites() {
		if s.Kind == "township" {
			codes = append(codes, s.Code)
		}
	}
	return codes
}

// optional marks a material as not required.
func optional(m portal.Material) portal.Material {
	m.Required = false
	return m
}

// withCopies sets how many copies are handed in.
func withCopies(m portal.Material, n int) portal.Material {
	m.Copies = n
	return m
}

// appForm is the item's own application form, signed (and sealed) on paper.
func appForm(name string) portal.Material {
	return portal.Material{
		Name: name, Required: true, Form: portal.FormOriginal, Copies: 1,
		Formats: pdfOnly(), MaxBytes: mb5,
		Notes: "申请人签字，单位申请的加盖单位公章", Sample: sampleForm,
	}
}

// onlineForm is a form filled in online; nothing is handed in on paper.
func onlineForm(name, notes string) portal.Material {
	return portal.Material{
		Name: name, Required: true, Form: portal.FormElectronic, Copies: 1,
		Formats: pdfOnly(), MaxBytes: mb5, Notes: notes,
	}
}

// doc is a one-off supporting document.
func doc(name string, form portal.MaterialForm, notes string) portal.Material {
	return portal.Material{
		Name: name, Required: true, Form: form, Copies: 1,
		Formats: anyFormat(), MaxBytes: mb10, Notes: notes,
	}
}

// report is a long technical document (a report, a plan) accepted as PDF only.
func report(name, notes string) portal.Material {
	return portal.Material{
		Name: name, Required: true, Form: portal.FormOriginal, Copies: 2,
		Formats: pdfOnly(), MaxBytes: mb20, Notes: notes,
	}
}

// drawing is a set of drawings, large PDFs.
func drawing(name, notes string) portal.Material {
	return portal.Material{
		Name: name, Required: true, Form: portal.FormOriginal, Copies: 2,
		Formats: pdfOnly(), MaxBytes: mb20, Notes: notes,
	}
}

// commitment is a signed undertaking (承诺书) on the centre's template.
func commitment(name string) portal.Material {
	return portal.Material{
		Name: name, Required: true, Form: portal.FormOriginal, Copies: 1,
		Formats: pdfOnly(), MaxBytes: mb5,
		Notes: "申请人签字，单位申请的加盖单位公章", Sample: sampleForm,
	}
}

// idCard is a resident identity card; whose says whose it is (申请人, 经营者, 男女双方 …).
func idCard(whose string) portal.Material {
	return portal.Material{
		Name: whose + "居民身份证", Required: true, Form: portal.FormOriginalAndCopy, Copies: 1,
		Formats: anyFormat(), MaxBytes: mb5,
		Notes: "正反面；原件现场核验", TypeCode: "id_card",
	}
}

// idCards is the identity cards of several people handed in together (男女双方, 买卖双方 …).
// It has no TypeCode: one person's verified card cannot stand in for the set.
func idCards(whose string) portal.Material {
	m := idCard(whose)
	m.Notes = "每人一份，正反面；原件现场核验"
	m.TypeCode = ""
	return m
}

func legalRepID() portal.Material {
	return portal.Material{
		Name: "法定代表人（负责人）身份证", Required: true, Form: portal.FormCopy, Copies: 1,
		Formats: anyFormat(), MaxBytes: mb5,
		Notes: "正反面，需加盖单位公章", TypeCode: "legal_rep_id_card",
	}
}

func businessLicence() portal.Material {
	return portal.Material{
		Name: "营业执照（副本）", Required: true, Form: portal.FormCopy, Copies: 1,
		Formats: anyFormat(), MaxBytes: mb5,
		Notes: "需加盖单位公章；已通过部门共享核验的可免于提交", TypeCode: "business_licence",
	}
}

func powerOfAttorney() portal.Material {
	return portal.Material{
		Name: "授权委托书", Required: false, Form: portal.FormOriginal, Copies: 1,
		Formats: anyFormat(), MaxBytes: mb5,
		Notes:  "委托他人办理时提供，附受托人身份证；单位委托的需加盖单位公章",
		Sample: sampleForm, TypeCode: "power_of_attorney",
	}
}

func householdRegister(whose string) portal.Material {
	return portal.Material{
		Name: whose + "居民户口簿", Required: true, Form: portal.FormOriginalAndCopy, Copies: 1,
		Formats: anyFormat(), MaxBytes: mb10,
		Notes: "户主页及本人页", TypeCode: "household_register",
	}
}

// householdRegisters is the household registers of several people handed in together.
func householdRegisters(whose string) portal.Material {
	m := householdRegister(whose)
	m.Notes = "各自户口簿的户主页及本人页"
	m.TypeCode = ""
	return m
}

func landCertificate() portal.Material {
	return portal.Material{
		Name: "不动产权证书（或国有土地使用证、房屋所有权证）", Required: true, Form: portal.FormOriginalAndCopy, Copies: 1,
		Formats: anyFormat(), MaxBytes: mb10,
		Notes: "原件现场核验", TypeCode: "land_certificate",
	}
}

func premisesProof() portal.Material {
	return portal.Material{
		Name: "经营场所使用证明（房屋产权证明或租赁合同）", Required: true, Form: portal.FormCopy, Copies: 1,
		Formats: anyFormat(), MaxBytes: mb10,
		Notes: "租赁的提供租赁合同及出租方产权证明", TypeCode: "premises_proof",
	}
}

func sitePlan(name string) portal.Material {
	return portal.Material{
		Name: name, Required: true, Form: portal.FormOriginal, Copies: 1,
		Formats: anyFormat(), MaxBytes: mb20,
		Notes: "标明尺寸、功能分区及主要设施设备位置", TypeCode: "site_plan",
	}
}

func photo(notes string) portal.Material {
	return portal.Material{
		Name: "近期免冠彩色证件照片", Required: true, Form: portal.FormOriginal, Copies: 1,
		Formats: imageOnly(), MaxBytes: mb2, Notes: notes, TypeCode: "photo",
	}
}

func projectApproval() portal.Material {
	return portal.Material{
		Name: "项目立项文件（备案证明或核准、审批批复）", Required: true, Form: portal.FormCopy, Copies: 1,
		Formats: anyFormat(), MaxBytes: mb10,
		Notes: "已在投资项目在线审批监管平台赋码的，填写项目代码即可", TypeCode: "project_approval",
	}
}

func planningPermit() portal.Material {
	return portal.Material{
		Name: "建设工程规划许可证（含附件、附图）", Required: true, Form: portal.FormCopy, Copies: 1,
		Formats: anyFormat(), MaxBytes: mb10, TypeCode: "planning_permit",
	}
}

func bankAccount() portal.Material {
	return portal.Material{
		Name: "本人社会保障卡或银行卡", Required: true, Form: portal.FormCopy, Copies: 1,
		Formats: anyFormat(), MaxBytes: mb5,
		Notes: "用于待遇发放，须为本人名下账户", TypeCode: "bank_account",
	}
}

// Items returns the demonstration catalog: active items plus three retired ones that show the
// catalog clean-up (一清理三减少): one cancelled, one adjusted, one delegated. Every item is at
// version 1 and, unless it says otherwise, active.
func Items() []portal.Item {
	items := []portal.Item{
		// ---------------- 发展和改革局 ----------------
		{
			Code: "FGJ-001", Name: "企业投资项目备案", DepartmentCode: "fgj",
			Kind: portal.KindOtherApproval, Handling: portal.HandlingInstant,
			Fee:           free,
			Conditions:    "在本县行政区域内建设、不涉及国家安全、全国重大生产力布局、战略性资源开发和重大公共利益的企业投资项目。项目单位通过投资项目在线审批监管平台如实填报项目信息，信息齐全的即时备案并赋项目代码。",
			LegalBasis:    "《企业投资项目核准和备案管理条例》第三条、第十三条",
			Trips:         0,
			OnlinePreview: true,
			Bookable:      true,
			Keywords:      "立项 项目备案 备案证 项目代码 投资项目",
			Sites:         atCounty(),
			Materials: []portal.Material{
				onlineForm("企业投资项目备案信息表", "在投资项目在线审批监管平台在线填报，备案后自动生成项目代码"),
				businessLicence(),
				powerOfAttorney(),
			},
		},
		{
			Code: "FGJ-002", Name: "企业投资项目核准", DepartmentCode: "fgj",
			Kind: portal.KindLicensing, Handling: portal.HandlingPromise, LegalDays: 20, PromisedDays: 7,
			Fee:           free,
			Conditions:    "列入《政府核准的投资项目目录》且由县级核准的企业投资项目，已取得用地预审与选址意见书，符合国民经济和社会发展规划、产业政策和行业准入标准。",
			LegalBasis:    "《企业投资项目核准和备案管理条例》第三条、第九条",
			Trips:         1,
			OnlinePreview: true,
			Bookable:      true,
			Keywords:      "立项 核准 项目申请报告 投资项目",
			Sites:         atCounty(),
			Materials: []portal.Material{
				report("项目申请报告", "由项目单位自主编制或委托工程咨询单位编制，加盖单位公章"),
				doc("建设项目用地预审与选址意见书", portal.FormCopy, "不涉及新增用地的提供不动产权证书"),
				businessLicence(),
				commitment("申报材料真实性承诺书"),
				powerOfAttorney(),
			},
		},
		{
			Code: "FGJ-003", Name: "固定资产投资项目节能审查", DepartmentCode: "fgj",
			Kind: portal.KindOtherApproval, Handling: portal.HandlingPromise, LegalDays: 20, PromisedDays: 5,
			Fee:           free,
			Conditions:    "年综合能源消费量1000吨标准煤以上（改扩建项目按新增量计）且由县级管理的固定资产投资项目，在开工建设前提交节能报告。",
			LegalBasis:    "《中华人民共和国节约能源法》第十五条；《固定资产投资项目节能审查办法》第五条",
			Trips:         1,
			OnlinePreview: true,
			Bookable:      true,
			Keywords:      "节能 能评 节能报告 能耗",
			Sites:         atCounty(),
			Materials: []portal.Material{
				appForm("固定资产投资项目节能审查申请书"),
				report("固定资产投资项目节能报告", "按《固定资产投资项目节能报告》编制要求编写"),
				projectApproval(),
				businessLicence(),
			},
		},

		// ---------------- 自然资源局 ----------------
		{
			Code: "ZRZYJ-001", Name: "建设项目用地预审与选址意见书核发", DepartmentCode: "zrzyj",
			Kind: portal.KindLicensing, Handling: portal.HandlingPromise, LegalDays: 20, PromisedDays: 7,
			Fee:           free,
			Conditions:    "以划拨方式提供国有土地使用权的建设项目，或需审批、核准的建设项目，符合国土空间规划和用途管制要求，节约集约用地。",
			LegalBasis:    "《中华人民共和国土地管理法》第五十二条；《中华人民共和国城乡规划法》第三十六条",
			Trips:         1,
			OnlinePreview: true,
			Bookable:      true,
			Keywords:      "用地预审 选址 选址意见书 多审合一",
			Sites:         atCounty(),
			Materials: []portal.Material{
				appForm("建设项目用地预审与选址申请表"),
				report("建设项目用地预审与选址申请报告", "说明拟选址位置、用地规模、是否占用耕地和永久基本农田"),
				drawing("项目拟选址位置及用地范围图", "标注坐标，比例尺不小于1:2000"),
				businessLicence(),
				powerOfAttorney(),
			},
		},
		{
			Code: "ZRZYJ-002", Name: "建设用地规划许可证核发", DepartmentCode: "zrzyj",
			Kind: portal.KindLicensing, Handling: portal.HandlingPromise, LegalDays: 20, PromisedDays: 5,
			Fee:           free,
			Conditions:    "以出让方式取得国有土地使用权的建设项目已签订国有建设用地使用权出让合同；以划拨方式取得的已取得项目批准、核准或备案文件。",
			LegalBasis:    "《中华人民共和国城乡规划法》第三十七条、第三十八条",
			Trips:         1,
			OnlinePreview: true,
			Bookable:      true,
			Keywords:      "用地规划许可 规划许可证 红线图 出让合同",
			Sites:         atCounty(),
			Materials: []portal.Material{
				appForm("建设用地规划许可申请表"),
				projectApproval(),
				doc("国有建设用地使用权出让合同或划拨决定书", portal.FormCopy, "含规划条件附件"),
				drawing("建设项目用地范围红线图", "加盖测绘单位成果专用章"),
				businessLicence(),
				powerOfAttorney(),
			},
		},
		{
			Code: "ZRZYJ-003", Name: "建设工程规划许可证核发", DepartmentCode: "zrzyj",
			Kind: portal.KindLicensing, Handling: portal.HandlingPromise, LegalDays: 20, PromisedDays: 5,
			Fee:           free,
			Conditions:    "在城镇开发边界内进行建筑物、构筑物、道路、管线和其他工程建设的，已取得土地使用权，建设工程设计方案符合控制性详细规划和规划条件。",
			LegalBasis:    "《中华人民共和国城乡规划法》第四十条",
			Trips:         1,
			OnlinePreview: true,
			Bookable:      true,
			Keywords:      "工程规划许可 规划证 报建 设计方案 总平图",
			Sites:         atCounty(),
			Materials: []portal.Material{
				appForm("建设工程规划许可申请表"),
				landCertificate(),
				drawing("建设工程设计方案总平面图及建筑单体方案图", "含经济技术指标表，加盖设计单位出图章"),
				businessLicence(),
				powerOfAttorney(),
			},
		},
		{
			Code: "ZRZYJ-004", Name: "乡村建设规划许可证核发", DepartmentCode: "zrzyj",
			Kind: portal.KindLicensing, Handling: portal.HandlingPromise, LegalDays: 20, PromisedDays: 5,
			Fee:           free,
			Conditions:    "在乡、村庄规划区内进行乡镇企业、乡村公共设施和公益事业建设以及农村村民住宅建设，不占用农用地或已办理农用地转用审批手续。农村村民住宅建设经村民委员会同意后向乡镇便民服务中心申请。",
			LegalBasis:    "《中华人民共和国城乡规划法》第四十一条",
			Trips:         1,
			OnlinePreview: true,
			Bookable:      true,
			Keywords:      "农村建房 修房子 乡村规划 建房许可",
			Sites:         atAllSites(),
			Materials: []portal.Material{
				appForm("乡村建设规划许可申请表"),
				idCard("申请人"),
				householdRegister("申请人"),
				doc("宅基地批准文件或不动产权证书", portal.FormCopy, "农村村民住宅建设提供"),
				drawing("建房设计图或农房通用图集选用图", "可选用县住建部门推荐的农房通用图集"),
				doc("村民委员会意见", portal.FormOriginal, "加盖村民委员会印章"),
			},
		},
		{
			Code: "ZRZYJ-005", Name: "林木采伐许可证核发", DepartmentCode: "zrzyj",
			Kind: portal.KindLicensing, Handling: portal.HandlingPromise, LegalDays: 20, PromisedDays: 3,
			Fee:           free,
			Conditions:    "采伐林地上的林木（农村居民采伐自留地和房前屋后个人所有的零星林木除外），采伐量在年森林采伐限额内，权属清楚无争议。",
			LegalBasis:    "《中华人民共和国森林法》第五十六条",
			Trips:         1,
			OnlinePreview: true,
			Bookable:      true,
			Keywords:      "砍树 采伐证 伐木 林木采伐 竹木",
			Sites:         atAllSites(),
			Materials: []portal.Material{
				appForm("林木采伐申请表"),
				idCard("申请人"),
				doc("林权证明（不动产权证书或林权证、承包合同）", portal.FormOriginalAndCopy, "原件现场核验"),
				optional(report("伐区调查设计文件", "采伐面积5公顷以上或蓄积量较大的提供；零星采伐可免于提交")),
			},
		},

		// ---------------- 住房和城乡建设局 ----------------
		{
			Code: "ZJJ-001", Name: "建筑工程施工许可证核发", DepartmentCode: "zjj",
			Kind: portal.KindLicensing, Handling: portal.HandlingPromise, LegalDays: 15, PromisedDays: 3,
			Fee:           free,
			Conditions:    "工程投资额在30万元以上或者建筑面积在300平方米以上的房屋建筑工程，已办理用地批准和规划许可手续，已确定施工企业，有满足施工需要的资金安排、施工图纸及技术资料。",
			LegalBasis:    "《中华人民共和国建筑法》第七条、第八条；《建筑工程施工许可管理办法》第二条",
			Trips:         1,
			OnlinePreview: true,
			Bookable:      true,
			Keywords:      "施工许可 开工 施工许可证 报建 开工证",
			Sites:         atCounty(),
			Materials: []portal.Material{
				appForm("建筑工程施工许可证申请表"),
				planningPermit(),
				doc("中标通知书或直接发包批准文件及施工合同", portal.FormCopy, "依法必须招标的工程提供中标通知书"),
				doc("施工图设计文件审查合格书", portal.FormCopy, "已实行施工图数字化联审的由系统推送"),
				commitment("建设资金已经落实承诺书"),
				businessLicence(),
				powerOfAttorney(),
			},
		},
		{
			Code: "ZJJ-002", Name: "商品房预售许可", DepartmentCode: "zjj",
			Kind: portal.KindLicensing, Handling: portal.HandlingPromise, LegalDays: 10, PromisedDays: 3,
			Fee:           free,
			Conditions:    "已交付全部土地使用权出让金并取得不动产权证书，持有建设工程规划许可证和施工许可证，投入开发建设的资金达到工程建设总投资的25%以上并已确定施工进度和竣工交付日期。",
			LegalBasis:    "《中华人民共和国城市房地产管理法》第四十五条；《城市商品房预售管理办法》第五条",
			Trips:         1,
			OnlinePreview: true,
			Bookable:      true,
			Keywords:      "预售证 卖房 楼盘 开盘 房地产开发",
			Sites:         atCounty(),
			Materials: []portal.Material{
				appForm("商品房预售许可申请表"),
				businessLicence(),
				doc("房地产开发企业资质证书", portal.FormCopy, ""),
				landCertificate(),
				planningPermit(),
				doc("建筑工程施工许可证及工程形象进度证明", portal.FormCopy, "形象进度证明由监理单位出具"),
				report("商品房预售方案", "含预售房屋位置、面积、竣工交付日期及分层平面图"),
			},
		},
		{
			Code: "ZJJ-003", Name: "特殊建设工程消防设计审查", DepartmentCode: "zjj",
			Kind: portal.KindLicensing, Handling: portal.HandlingPromise, LegalDays: 15, PromisedDays: 5,
			Fee:           free,
			Conditions:    "属于《建设工程消防设计审查验收管理暂行规定》所列特殊建设工程的，建设单位在施工许可前申请消防设计审查。",
			LegalBasis:    "《中华人民共和国消防法》第十一条",
			Trips:         1,
			OnlinePreview: true,
			Bookable:      true,
			Keywords:      "消防审查 消防设计 消防审图 特殊建设工程",
			Sites:         atCounty(),
			Materials: []portal.Material{
				appForm("特殊建设工程消防设计审查申请表"),
				drawing("消防设计文件", "含消防设计专篇及建筑、给排水、电气、暖通等专业施工图"),
				optional(doc("依法需要批准的临时性建筑的批准文件", portal.FormCopy, "临时性建筑提供")),
				optional(report("特殊消防设计技术资料", "采用特殊消防设计的提供")),
				powerOfAttorney(),
			},
		},
		{
			Code: "ZJJ-004", Name: "房屋建筑和市政基础设施工程竣工验收备案", DepartmentCode: "zjj",
			Kind: portal.KindOtherApproval, Handling: portal.HandlingInstant,
			Fee:           free,
			Conditions:    "工程已按设计和合同要求完成并经建设、勘察、设计、施工、监理单位竣工验收合格，自竣工验收合格之日起15日内申请备案。",
			LegalBasis:    "《建设工程质量管理条例》第四十九条",
			Trips:         1,
			OnlinePreview: true,
			Bookable:      true,
			Keywords:      "竣工备案 竣工验收 完工 交房",
			Sites:         atCounty(),
			Materials: []portal.Material{
				appForm("房屋建筑和市政基础设施工程竣工验收备案表"),
				report("工程竣工验收报告", "含五方责任主体签署的验收意见"),
				doc("规划核实意见及消防验收意见（或备案凭证）", portal.FormCopy, ""),
				optional(doc("住宅质量保证书和住宅使用说明书", portal.FormCopy, "商品住宅工程提供")),
			},
		},
		{
			Code: "ZJJ-005", Name: "城镇污水排入排水管网许可", DepartmentCode: "zjj",
			Kind: portal.KindLicensing, Handling: portal.HandlingPromise, LegalDays: 15, PromisedDays: 5,
			Fee:           free,
			Conditions:    "从事工业、建筑、餐饮、医疗等活动的企业事业单位、个体工商户向城镇排水设施排放污水，排水户内部管网、预处理设施和检测井符合要求，排放水质符合国家和地方标准。",
			LegalBasis:    "《城镇排水与污水处理条例》第二十一条",
			Trips:         1,
			OnlinePreview: true,
			Bookable:      true,
			Keywords:      "排水许可 排水证 污水 餐饮排水 下水道",
			Sites:         atCounty(),
			Materials: []portal.Material{
				appForm("城镇污水排入排水管网许可申请表"),
				businessLicence(),
				drawing("排水户内部排水管网、专用检测井、污水排放口位置和口径图纸", "雨污分流情况须标注清楚"),
				optional(doc("排水水质检测报告", portal.FormCopy, "列入重点排污单位名录的排水户提供")),
			},
		},

		// ---------------- 生态环境局 ----------------
		{
			Code: "STHJJ-001", Name: "建设项目环境影响报告表审批", DepartmentCode: "sthjj",
			Kind: portal.KindLicensing, Handling: portal.HandlingPromise, LegalDays: 30, PromisedDays: 10,
			Fee:           free,
			Conditions:    "按《建设项目环境影响评价分类管理名录》应编制环境影响报告表且由县级审批的建设项目，在开工建设前报批。",
			LegalBasis:    "《中华人民共和国环境影响评价法》第二十二条",
			Trips:         1,
			OnlinePreview: true,
			Bookable:      true,
			Keywords:      "环评 环评报告表 环境影响评价 环评审批",
			Sites:         atCounty(),
			Materials: []portal.Material{
				appForm("建设项目环境影响报告表审批申请书"),
				report("建设项目环境影响报告表（全本）", "同时提交删除涉及国家秘密、商业秘密和个人隐私内容后的公开版本"),
				projectApproval(),
				businessLicence(),
				powerOfAttorney(),
			},
		},
		{
			Code: "STHJJ-002", Name: "建设项目环境影响报告书审批", DepartmentCode: "sthjj",
			Kind: portal.KindLicensing, Handling: portal.HandlingPromise, LegalDays: 60, PromisedDays: 20,
			Fee:           free,
			Conditions:    "按《建设项目环境影响评价分类管理名录》应编制环境影响报告书且由县级审批的建设项目，已依法开展公众参与。",
			LegalBasis:    "《中华人民共和国环境影响评价法》第二十二条",
			Trips:         1,
			OnlinePreview: true,
			Bookable:      true,
			Keywords:      "环评 环评报告书 环境影响评价 公众参与",
			Sites:         atCounty(),
			Materials: []portal.Material{
				appForm("建设项目环境影响报告书审批申请书"),
				report("建设项目环境影响报告书（全本）", "同时提交公开版本"),
				report("公众参与说明", "含征求意见稿公示情况及意见采纳说明"),
				projectApproval(),
				businessLicence(),
			},
		},
		{
			Code: "STHJJ-003", Name: "建设项目环境影响登记表备案", DepartmentCode: "sthjj",
			Kind: portal.KindOtherApproval, Handling: portal.HandlingInstant,
			Fee:           free,
			Conditions:    "按《建设项目环境影响评价分类管理名录》应填报环境影响登记表的建设项目，在建成并投入生产运营前通过网上备案系统填报。",
			LegalBasis:    "《中华人民共和国环境影响评价法》第二十二条；《建设项目环境影响登记表备案管理办法》第三条",
			Trips:         0,
			OnlinePreview: true,
			Bookable:      false,
			Keywords:      "环评登记表 环评备案 登记表",
			Sites:         atCounty(),
			Materials: []portal.Material{
				onlineForm("建设项目环境影响登记表", "在建设项目环境影响登记表网上备案系统填报，提交后自动生成备案号"),
				businessLicence(),
			},
		},
		{
			// Retired: since the 2016 amendment of the EIA law the 登记表 is filed, not approved.
			Code: "STHJJ-004", Name: "建设项目环境影响登记表审批", DepartmentCode: "sthjj",
			Kind: portal.KindLicensing, Handling: portal.HandlingPromise, LegalDays: 15, PromisedDays: 5,
			Fee:           free,
			Conditions:    "已调整为备案管理，请办理“建设项目环境影响登记表备案”。",
			LegalBasis:    "《中华人民共和国环境影响评价法》（2016年修正前）第二十二条",
			Trips:         1,
			OnlinePreview: false,
			Bookable:      false,
			Keywords:      "环评登记表 登记表审批",
			Sites:         atCounty(),
			Status:        portal.ItemAdjusted,
			Materials: []portal.Material{
				appForm("建设项目环境影响登记表"),
				businessLicence(),
			},
		},

		// ---------------- 市场监督管理局 ----------------
		{
			Code: "SCJGJ-001", Name: "公司设立登记", DepartmentCode: "scjgj",
			Kind: portal.KindLicensing, Handling: portal.HandlingPromise, LegalDays: 3, PromisedDays: 1,
			Fee:           free,
			Conditions:    "有符合公司章程规定的股东和出资，有公司名称和住所，依法制定公司章程，申请材料齐全、符合法定形式。",
			LegalBasis:    "《中华人民共和国公司法》第二十九条；《中华人民共和国市场主体登记管理条例》第三条、第十九条",
			Trips:         0,
			OnlinePreview: true,
			Bookable:      true,
			Keywords:      "开公司 注册公司 营业执照 办执照 工商注册 有限公司",
			Sites:         atCounty(),
			Materials: []portal.Material{
				appForm("公司登记（备案）申请书"),
				doc("公司章程", portal.FormOriginal, "全体股东签署"),
				idCard("股东（自然人）"),
				doc("法定代表人、董事、监事和经理的任职文件", portal.FormOriginal, "股东会决议或任命文件"),
				premisesProof(),
				powerOfAttorney(),
			},
		},
		{
			Code: "SCJGJ-002", Name: "个体工商户设立登记", DepartmentCode: "scjgj",
			Kind: portal.KindLicensing, Handling: portal.HandlingInstant, LegalDays: 3,
			Fee:           free,
			Conditions:    "有经营能力的自然人，有固定的经营场所，经营范围不属于法律法规禁止的项目，申请材料齐全、符合法定形式的当场登记。",
			LegalBasis:    "《促进个体工商户发展条例》第二条；《中华人民共和国市场主体登记管理条例》第十九条",
			Trips:         0,
			OnlinePreview: true,
			Bookable:      true,
			Keywords:      "个体户 开店 营业执照 小卖部 办执照",
			Sites:         atAllSites(),
			Materials: []portal.Material{
				appForm("个体工商户登记（备案）申请书"),
				idCard("经营者"),
				premisesProof(),
				powerOfAttorney(),
			},
		},
		{
			Code: "SCJGJ-003", Name: "食品经营许可", DepartmentCode: "scjgj",
			Kind: portal.KindLicensing, Handling: portal.HandlingPromise, LegalDays: 20, PromisedDays: 7,
			Fee:           free,
			Conditions:    "已取得营业执照，具有与经营的食品品种、数量相适应的经营场所和设备设施，有专职或兼职的食品安全管理人员和保证食品安全的规章制度。",
			LegalBasis:    "《中华人民共和国食品安全法》第三十五条",
			Trips:         1,
			OnlinePreview: true,
			Bookable:      true,
			Keywords:      "餐饮 小卖部 食品店 开店 饭馆 超市 食品许可证",
			Sites:         atCounty(),
			Materials: []portal.Material{
				appForm("食品经营许可申请书"),
				businessLicence(),
				legalRepID(),
				sitePlan("经营场所平面布局图及设备布局、操作流程图"),
				doc("食品安全管理制度及食品安全管理人员名单", portal.FormOriginal, "加盖单位公章"),
				powerOfAttorney(),
			},
		},
		{
			Code: "SCJGJ-004", Name: "特种设备使用登记", DepartmentCode: "scjgj",
			Kind: portal.KindLicensing, Handling: portal.HandlingPromise, LegalDays: 15, PromisedDays: 5,
			Fee:           free,
			Conditions:    "锅炉、压力容器、电梯、起重机械、场（厂）内专用机动车辆等特种设备在投入使用前或者投入使用后30日内，由使用单位申请办理使用登记。",
			LegalBasis:    "《中华人民共和国特种设备安全法》第三十三条",
			Trips:         1,
			OnlinePreview: true,
			Bookable:      true,
			Keywords:      "电梯 锅炉 叉车 压力容器 使用登记证",
			Sites:         atCounty(),
			Materials: []portal.Material{
				{
					Name: "特种设备使用登记表", Required: true, Form: portal.FormOriginal, Copies: 2,
					Formats: pdfOnly(), MaxBytes: mb5, Notes: "加盖使用单位公章", Sample: sampleForm,
				},
				businessLicence(),
				doc("产品合格证（含产品数据表）", portal.FormCopy, ""),
				doc("监督检验证明或定期检验报告", portal.FormCopy, "需要监督检验的设备提供"),
				optional(doc("特种设备安装改造维修告知书", portal.FormCopy, "需要安装的设备提供")),
			},
		},
		{
			Code: "SCJGJ-005", Name: "营业执照遗失补领", DepartmentCode: "scjgj",
			Kind: portal.KindConvenience, Handling: portal.HandlingInstant,
			Fee:           free,
			Conditions:    "营业执照遗失或者毁坏的，通过国家企业信用信息公示系统声明作废后申请补领。",
			LegalBasis:    "《中华人民共和国市场主体登记管理条例》第三十八条",
			Trips:         0,
			OnlinePreview: true,
			Bookable:      true,
			Keywords:      "执照丢了 补执照 营业执照补办 执照遗失",
			Sites:         atAllSites(),
			Materials: []portal.Material{
				appForm("营业执照补领申请书"),
				legalRepID(),
				doc("遗失作废声明截图", portal.FormElectronic, "在国家企业信用信息公示系统发布"),
			},
		},
		{
			// Retired: annual inspection was replaced by the annual report on 1 March 2014.
			Code: "SCJGJ-006", Name: "企业年度检验", DepartmentCode: "scjgj",
			Kind: portal.KindOtherApproval, Handling: portal.HandlingInstant,
			Fee:           free,
			Conditions:    "已取消。自2014年3月1日起停止企业年度检验，企业每年1月1日至6月30日通过国家企业信用信息公示系统报送并公示上一年度年度报告。",
			LegalBasis:    "《企业年度检验办法》（已废止）",
			Trips:         1,
			OnlinePreview: false,
			Bookable:      false,
			Keywords:      "年检 年报 工商年检",
			Sites:         atCounty(),
			Status:        portal.ItemCancelled,
			Materials: []portal.Material{
				appForm("企业年检报告书"),
				businessLicence(),
			},
		},

		// ---------------- 税务局 ----------------
		{
			Code: "SWJ-001", Name: "增值税专用发票（增值税税控系统）最高开票限额审批", DepartmentCode: "swj",
			Kind: portal.KindLicensing, Handling: portal.HandlingPromise, LegalDays: 20, PromisedDays: 5,
			Fee:           free,
			Conditions:    "已办理税务信息确认的增值税一般纳税人或选择自行开具增值税专用发票的小规模纳税人，根据实际经营需要申请调整最高开票限额。最高开票限额为十万元及以下的，当场办结。",
			LegalBasis:    "《国务院对确需保留的行政审批项目设定行政许可的决定》附件第236项",
			Trips:         0,
			OnlinePreview: true,
			Bookable:      true,
			Keywords:      "专票 开票限额 发票限额 增值税专用发票",
			Sites:         atCounty(),
			Materials: []portal.Material{
				appForm("税务行政许可申请表"),
				appForm("增值税专用发票最高开票限额申请单"),
				idCard("经办人"),
				powerOfAttorney(),
			},
		},
		{
			Code: "SWJ-002", Name: "发票领用", DepartmentCode: "swj",
			Kind: portal.KindPublicService, Handling: portal.HandlingInstant,
			Fee:           free,
			Conditions:    "已办理税务信息确认、需要领用发票的单位和个人，发票种类核定后按需领用。",
			LegalBasis:    "《中华人民共和国发票管理办法》第十五条",
			Trips:         0,
			OnlinePreview: true,
			Bookable:      true,
			Keywords:      "领发票 买发票 发票 电子发票 数电票",
			Sites:         atCounty(),
			Materials: []portal.Material{
				idCard("经办人"),
				businessLicence(),
			},
		},
		{
			Code: "SWJ-003", Name: "代开增值税发票", DepartmentCode: "swj",
			Kind: portal.KindConvenience, Handling: portal.HandlingInstant,
			Fee:           free,
			Conditions:    "已办理税务登记的小规模纳税人以及其他依法可以申请代开发票的单位和个人，发生增值税应税行为需要开具发票的。",
			LegalBasis:    "《中华人民共和国发票管理办法》第十六条",
			Trips:         1,
			OnlinePreview: false,
			Bookable:      true,
			Keywords:      "代开发票 开发票 零星开票 个人开票",
			Sites:         atCounty(),
			Materials: []portal.Material{
				appForm("代开增值税发票缴纳税款申报单"),
				idCard("经办人"),
				optional(doc("合同、协议或其他业务证明", portal.FormCopy, "税务机关需要核实业务真实性时提供")),
			},
		},
		{
			Code: "SWJ-004", Name: "契税申报", DepartmentCode: "swj",
			Kind: portal.KindPublicService, Handling: portal.HandlingInstant,
			Fee:           free,
			Conditions:    "在本县境内转移土地、房屋权属的承受方，在依法办理不动产权属登记手续前申报缴纳契税。",
			LegalBasis:    "《中华人民共和国契税法》第九条、第十条",
			Trips:         1,
			OnlinePreview: true,
			Bookable:      true,
			Keywords:      "契税 买房交税 房产税费 过户交税",
			Sites:         atCounty(),
			Materials: []portal.Material{
				appForm("契税纳税申报表"),
				doc("土地、房屋权属转移合同或具有合同性质的契约、协议", portal.FormCopy, ""),
				idCard("纳税人"),
				optional(doc("享受契税减免的证明材料", portal.FormCopy, "申请享受减免时提供，如家庭住房情况书面查询结果")),
			},
		},

		// ---------------- 人力资源和社会保障局 ----------------
		{
			Code: "RSJ-001", Name: "社会保障卡申领", DepartmentCode: "rsj",
			Kind: portal.KindPublicService, Handling: portal.HandlingInstant,
			Fee:           free,
			Conditions:    "参加社会保险或在本县有户籍的人员首次申领社会保障卡，现场采集照片后即时制卡发放。",
			LegalBasis:    "《中华人民共和国社会保险法》第五十八条",
			Trips:         1,
			OnlinePreview: true,
			Bookable:      true,
			Keywords:      "社保卡 办社保卡 新办社保卡 即时制卡 金融社保卡",
			Sites:         atAllSites(),
			Materials: []portal.Material{
				idCard("申领人"),
				photo("白底，可现场拍摄"),
				optional(idCard("监护人")),
			},
		},
		{
			Code: "RSJ-002", Name: "就业创业证申领", DepartmentCode: "rsj",
			Kind: portal.KindPublicService, Handling: portal.HandlingInstant,
			Fee:           free,
			Conditions:    "在法定劳动年龄内、有劳动能力和就业要求的城乡劳动者，办理就业或失业登记后申领《就业创业证》。",
			LegalBasis:    "《中华人民共和国就业促进法》第三十五条；《就业服务与就业管理规定》第六十一条",
			Trips:         0,
			OnlinePreview: true,
			Bookable:      true,
			Keywords:      "失业证 就业证 失业登记 就业登记 创业补贴",
			Sites:         atAllSites(),
			Materials: []portal.Material{
				appForm("就业创业登记表"),
				idCard("申请人"),
				optional(householdRegister("申请人")),
			},
		},
		{
			Code: "RSJ-003", Name: "失业保险金申领", DepartmentCode: "rsj",
			Kind: portal.KindPublicService, Handling: portal.HandlingPromise, LegalDays: 10, PromisedDays: 3,
			Fee:           free,
			Conditions:    "失业前用人单位和本人已缴纳失业保险费满一年，非因本人意愿中断就业，已办理失业登记并有求职要求。",
			LegalBasis:    "《中华人民共和国社会保险法》第四十五条",
			Trips:         0,
			OnlinePreview: true,
			Bookable:      true,
			Keywords:      "失业金 失业保险 领失业金 下岗",
			Sites:         atCounty(),
			Materials: []portal.Material{
				idCard("申请人"),
				doc("解除或者终止劳动关系的证明", portal.FormCopy, "由原用人单位出具"),
				bankAccount(),
			},
		},
		{
			Code: "RSJ-004", Name: "劳务派遣经营许可", DepartmentCode: "rsj",
			Kind: portal.KindLicensing, Handling: portal.HandlingPromise, LegalDays: 20, PromisedDays: 7,
			Fee:           free,
			Conditions:    "注册资本不得少于人民币二百万元，有与开展业务相适应的固定的经营场所和设施，有符合法律、行政法规规定的劳务派遣管理制度。",
			LegalBasis:    "《中华人民共和国劳动合同法》第五十七条",
			Trips:         1,
			OnlinePreview: true,
			Bookable:      true,
			Keywords:      "劳务派遣 派遣许可 人力外包",
			Sites:         atCounty(),
			Materials: []portal.Material{
				appForm("劳务派遣经营许可申请书"),
				businessLicence(),
				legalRepID(),
				doc("验资报告或财务审计报告", portal.FormCopy, "证明注册资本不少于200万元"),
				premisesProof(),
				doc("劳务派遣管理制度", portal.FormOriginal, "含劳动合同、劳动报酬、社会保险等内容"),
			},
		},
		{
			Code: "RSJ-005", Name: "城乡居民基本养老保险参保登记", DepartmentCode: "rsj",
			Kind: portal.KindPublicService, Handling: portal.HandlingInstant,
			Fee:           free,
			Conditions:    "年满16周岁（不含在校学生）、非国家机关和事业单位工作人员、不属于职工基本养老保险制度覆盖范围的城乡居民，可在户籍地参保。",
			LegalBasis:    "《中华人民共和国社会保险法》第二十条、第二十二条",
			Trips:         0,
			OnlinePreview: true,
			Bookable:      true,
			Keywords:      "养老保险 农村养老 居民养老 参保 社保",
			Sites:         atAllSites(),
			Materials: []portal.Material{
				appForm("城乡居民基本养老保险参保登记表"),
				idCard("参保人"),
				householdRegister("参保人"),
			},
		},

		// ---------------- 医疗保障局 ----------------
		{
			Code: "YBJ-001", Name: "城乡居民基本医疗保险参保登记", DepartmentCode: "ybj",
			Kind: portal.KindPublicService, Handling: portal.HandlingInstant,
			Fee:           free,
			Conditions:    "本县户籍或持本县居住证、未参加职工基本医疗保险的城乡居民（含在校学生和新生儿）。",
			LegalBasis:    "《中华人民共和国社会保险法》第二十五条",
			Trips:         0,
			OnlinePreview: true,
			Bookable:      true,
			Keywords:      "医保 农合 新农合 居民医保 参保 交医保",
			Sites:         atAllSites(),
			Materials: []portal.Material{
				idCard("参保人"),
				optional(householdRegister("参保人")),
				optional(doc("出生医学证明", portal.FormCopy, "新生儿未办理户口时提供")),
			},
		},
		{
			Code: "YBJ-002", Name: "基本医疗保险参保人员异地就医备案", DepartmentCode: "ybj",
			Kind: portal.KindPublicService, Handling: portal.HandlingInstant,
			Fee:           free,
			Conditions:    "异地长期居住、常驻异地工作或转诊转院需在参保地以外就医的基本医疗保险参保人员。",
			LegalBasis:    "《中华人民共和国社会保险法》第二十九条",
			Trips:         0,
			OnlinePreview: true,
			Bookable:      false,
			Keywords:      "异地就医 异地备案 外地看病 转诊 跨省报销",
			Sites:         atAllSites(),
			Materials: []portal.Material{
				onlineForm("异地就医登记备案表", "可在国家医保服务平台App或本网站在线填报"),
				idCard("参保人"),
				optional(commitment("异地居住或工作承诺书")),
			},
		},
		{
			Code: "YBJ-003", Name: "门诊慢特病病种待遇认定", DepartmentCode: "ybj",
			Kind: portal.KindPublicService, Handling: portal.HandlingPromise, LegalDays: 20, PromisedDays: 7,
			Fee:           free,
			Conditions:    "患有门诊慢特病病种目录内疾病、需长期门诊治疗的基本医疗保险参保人员。",
			LegalBasis:    "《中华人民共和国社会保险法》第二十八条",
			Trips:         1,
			OnlinePreview: true,
			Bookable:      true,
			Keywords:      "慢病 特病 门特 慢性病 高血压 糖尿病",
			Sites:         atAllSites(),
			Materials: []portal.Material{
				appForm("门诊慢特病待遇认定申请表"),
				idCard("参保人"),
				report("近期病历资料及检查检验报告", "二级及以上定点医疗机构出具"),
			},
		},
		{
			Code: "YBJ-004", Name: "医疗费用手工（零星）报销", DepartmentCode: "ybj",
			Kind: portal.KindPublicService, Handling: portal.HandlingPromise, LegalDays: 30, PromisedDays: 10,
			Fee:           free,
			Conditions:    "参保人员因急诊抢救、未备案异地就医等原因在医疗机构未能直接结算、全额垫付医疗费用的。",
			LegalBasis:    "《中华人民共和国社会保险法》第二十九条",
			Trips:         1,
			OnlinePreview: true,
			Bookable:      true,
			Keywords:      "报销 医药费报销 垫付 零星报销 住院报销",
			Sites:         atAllSites(),
			Materials: []portal.Material{
				idCard("参保人"),
				doc("医疗费用票据", portal.FormOriginal, "须为医疗机构出具的财政或税务票据"),
				doc("费用明细清单", portal.FormOriginal, "加盖医疗机构公章"),
				doc("出院记录或门诊病历", portal.FormCopy, ""),
				bankAccount(),
			},
		},

		// ---------------- 民政局 ----------------
		{
			Code: "MZJ-001", Name: "内地居民结婚登记", DepartmentCode: "mzj",
			Kind: portal.KindOtherApproval, Handling: portal.HandlingInstant,
			Fee:           free,
			Conditions:    "男女双方自愿结婚，男年满22周岁、女年满20周岁，双方均无配偶，没有直系血亲和三代以内旁系血亲关系，双方共同到婚姻登记机关申请。",
			LegalBasis:    "《中华人民共和国民法典》第一千零四十九条；《婚姻登记条例》第四条",
			Trips:         1,
			OnlinePreview: false,
			Bookable:      true,
			Keywords:      "领证 结婚证 扯证 结婚 婚姻登记",
			Sites:         atCounty(),
			Materials: []portal.Material{
				idCards("男女双方"),
				householdRegisters("男女双方"),
				{
					Name: "双方近期半身免冠合影照片", Required: true, Form: portal.FormOriginal, Copies: 3,
					Formats: imageOnly(), MaxBytes: mb2,
					Notes: "2寸红底，婚姻登记处可现场拍摄",
				},
				{
					Name: "申请结婚登记声明书", Required: true, Form: portal.FormOriginal, Copies: 1,
					Notes: "须在婚姻登记员面前亲自填写并签名，不能提前填写",
				},
			},
		},
		{
			Code: "MZJ-002", Name: "内地居民离婚登记", DepartmentCode: "mzj",
			Kind: portal.KindOtherApproval, Handling: portal.HandlingInstant,
			Fee:           free,
			Conditions:    "男女双方自愿离婚并对子女抚养、财产及债务处理等事项协商一致。自婚姻登记机关收到离婚登记申请之日起30日离婚冷静期届满后30日内，双方亲自到婚姻登记机关申请发给离婚证。",
			LegalBasis:    "《中华人民共和国民法典》第一千零七十六条、第一千零七十七条",
			Trips:         2,
			OnlinePreview: false,
			Bookable:      true,
			Keywords:      "离婚 离婚证 协议离婚 冷静期",
			Sites:         atCounty(),
			Materials: []portal.Material{
				idCards("男女双方"),
				householdRegisters("男女双方"),
				doc("结婚证", portal.FormOriginal, "双方各一本"),
				{
					Name: "离婚协议书", Required: true, Form: portal.FormOriginal, Copies: 3,
					Formats: pdfOnly(), MaxBytes: mb5,
					Notes: "载明双方自愿离婚的意思表示以及对子女抚养、财产及债务处理等事项协商一致的意见", Sample: sampleForm,
				},
			},
		},
		{
			Code: "MZJ-003", Name: "最低生活保障申请", DepartmentCode: "mzj",
			Kind: portal.KindPublicService, Handling: portal.HandlingPromise, LegalDays: 30, PromisedDays: 10,
			Fee:           free,
			Conditions:    "共同生活的家庭成员人均收入低于当地最低生活保障标准，且家庭财产状况符合规定的本县户籍居民，向户籍所在地乡镇便民服务中心提出申请。",
			LegalBasis:    "《社会救助暂行办法》第九条、第十一条",
			Trips:         1,
			OnlinePreview: true,
			Bookable:      true,
			Keywords:      "低保 吃低保 困难救助 社会救助 贫困",
			Sites:         atAllSites(),
			Materials: []portal.Material{
				appForm("最低生活保障申请书"),
				idCards("共同生活家庭成员"),
				householdRegister("家庭"),
				doc("家庭经济状况核对授权书", portal.FormOriginal, "全体共同生活家庭成员签字"),
				appForm("家庭收入和财产状况申报表"),
				optional(doc("残疾、重病等证明材料", portal.FormCopy, "家庭成员有残疾或患重病的提供")),
			},
		},
		{
			Code: "MZJ-004", Name: "老年人优待证办理", DepartmentCode: "mzj",
			Kind: portal.KindConvenience, Handling: portal.HandlingInstant,
			Fee:           free,
			Conditions:    "年满60周岁的本县户籍老年人或在本县长期居住的外地老年人。",
			LegalBasis:    "《中华人民共和国老年人权益保障法》第五十七条",
			Trips:         1,
			OnlinePreview: true,
			Bookable:      true,
			Keywords:      "老年证 优待证 老人卡 敬老卡 坐公交",
			Sites:         atAllSites(),
			Materials: []portal.Material{
				idCard("老年人"),
				photo("1寸白底，可现场拍摄"),
				powerOfAttorney(),
			},
		},
		{
			Code: "MZJ-005", Name: "社会团体成立登记", DepartmentCode: "mzj",
			Kind: portal.KindLicensing, Handling: portal.HandlingPromise, LegalDays: 60, PromisedDays: 20,
			Fee:           free,
			Conditions:    "有50个以上的个人会员或者30个以上的单位会员，有规范的名称和相应的组织机构、固定的住所、与其业务活动相适应的专职工作人员，有合法的资产和经费来源。",
			LegalBasis:    "《社会团体登记管理条例》第三条、第十条",
			Trips:         1,
			OnlinePreview: true,
			Bookable:      true,
			Keywords:      "协会 商会 社团 社会组织 学会",
			Sites:         atCounty(),
			Materials: []portal.Material{
				appForm("社会团体成立登记申请书"),
				doc("业务主管单位批准文件", portal.FormCopy, ""),
				doc("章程草案", portal.FormOriginal, "经会员大会或会员代表大会通过"),
				doc("验资报告及住所使用权证明", portal.FormCopy, ""),
				idCard("拟任负责人"),
			},
		},

		// ---------------- 公安局户政大厅 ----------------
		{
			Code: "GAJ-001", Name: "居民身份证申领、换领、补领", DepartmentCode: "gaj",
			Kind: portal.KindPublicService, Handling: portal.HandlingPromise, LegalDays: 60, PromisedDays: 15,
			Fee:           "首次申领、到期换领每证20元；丢失补领、损坏换领每证40元；临时居民身份证每证10元",
			FeeBasis:      "《国家发展改革委 财政部关于居民身份证收费标准及有关问题的通知》（发改价格〔2003〕2322号）",
			Conditions:    "本县常住户口的居民，年满16周岁的应当申领居民身份证，未满16周岁的可以申领；有效期满、登记项目变更或证件损坏、丢失的申请换领、补领。",
			LegalBasis:    "《中华人民共和国居民身份证法》第二条、第八条",
			Trips:         1,
			OnlinePreview: false,
			Bookable:      true,
			Keywords:      "身份证 办身份证 换身份证 补身份证 身份证丢了 临时身份证",
			Sites:         atCounty(),
			Materials: []portal.Material{
				householdRegister("申请人"),
				optional(doc("原居民身份证", portal.FormOriginal, "换领时交回")),
				optional(idCard("监护人")),
			},
		},
		{
			Code: "GAJ-002", Name: "出生登记", DepartmentCode: "gaj",
			Kind: portal.KindOtherApproval, Handling: portal.HandlingInstant,
			Fee:           free,
			Conditions:    "婴儿出生后一个月以内，由户主、亲属、抚养人或者邻居向婴儿常住地户口登记机关申报出生登记。",
			LegalBasis:    "《中华人民共和国户口登记条例》第七条",
			Trips:         1,
			OnlinePreview: true,
			Bookable:      true,
			Keywords:      "上户口 新生儿落户 出生上户 报户口",
			Sites:         atCounty(),
			Materials: []portal.Material{
				doc("出生医学证明", portal.FormOriginal, ""),
				idCards("父母双方"),
				householdRegister("落户方"),
				optional(doc("结婚证", portal.FormCopy, "婚内生育的提供")),
			},
		},
		{
			Code: "GAJ-003", Name: "户口迁移（市外迁入）", DepartmentCode: "gaj",
			Kind: portal.KindOtherApproval, Handling: portal.HandlingPromise, LegalDays: 20, PromisedDays: 5,
			Fee:           free,
			Conditions:    "在本县城镇有合法稳定住所（含租赁）的人员，本人及其共同居住生活的配偶、未成年子女、父母等，可以在当地申请登记常住户口。",
			LegalBasis:    "《中华人民共和国户口登记条例》第十条、第十三条",
			Trips:         1,
			OnlinePreview: true,
			Bookable:      true,
			Keywords:      "迁户口 落户 户口迁入 准迁证",
			Sites:         atCounty(),
			Materials: []portal.Material{
				appForm("户口迁移申请表"),
				idCard("申请人"),
				householdRegister("申请人"),
				optional(landCertificate()),
				optional(doc("房屋租赁合同及居住证", portal.FormCopy, "租赁住房落户时提供")),
			},
		},
		{
			Code: "GAJ-004", Name: "普通护照签发", DepartmentCode: "gaj",
			Kind: portal.KindLicensing, Handling: portal.HandlingPromise, LegalDays: 15, PromisedDays: 7,
			Fee:           "每本120元",
			FeeBasis:      "《国家发展改革委 财政部关于降低部分行政事业性收费标准的通知》（因私普通护照收费标准）",
			Conditions:    "中国公民因前往外国定居、探亲、学习、就业、旅行、从事商务活动等非公务原因出国的，可以在全国任一出入境管理窗口申请。",
			LegalBasis:    "《中华人民共和国护照法》第五条、第六条",
			Trips:         1,
			OnlinePreview: false,
			Bookable:      true,
			Keywords:      "护照 办护照 出国 出境 换护照",
			Sites:         atCounty(),
			Materials: []portal.Material{
				idCard("申请人"),
				{
					Name: "中国公民出入境证件申请表", Required: true, Form: portal.FormOriginal, Copies: 1,
					Notes: "窗口现场打印，申请人核对签字；照片现场免费采集",
				},
				optional(doc("原护照", portal.FormOriginal, "换发时提供")),
			},
		},

		// ---------------- 公安局交警大队 ----------------
		{
			Code: "JJDD-001", Name: "机动车驾驶证期满换证", DepartmentCode: "jjdd",
			Kind: portal.KindOtherApproval, Handling: portal.HandlingInstant,
			Fee:           "工本费 每证10元",
			FeeBasis:      "《国家发展改革委 财政部关于公安交通管理收费标准的通知》（发改价格〔2004〕2831号）",
			Conditions:    "机动车驾驶人应当于机动车驾驶证有效期满前九十日内，向机动车驾驶证核发地或者核发地以外的车辆管理所申请换证。",
			LegalBasis:    "《中华人民共和国道路交通安全法》第十九条；《机动车驾驶证申领和使用规定》第六十八条",
			Trips:         0,
			OnlinePreview: true,
			Bookable:      true,
			Keywords:      "驾照 换驾照 驾驶证到期 驾照换证 12123",
			Sites:         atCounty(),
			Materials: []portal.Material{
				idCard("驾驶人"),
				doc("机动车驾驶人身体条件证明", portal.FormOriginal, "县级或者部队团级以上医疗机构出具；已由医疗机构联网上传的免于提交"),
				optional(photo("已在医疗机构采集的可不提交")),
			},
		},
		{
			Code: "JJDD-002", Name: "机动车驾驶证补证", DepartmentCode: "jjdd",
			Kind: portal.KindOtherApproval, Handling: portal.HandlingInstant,
			Fee:           "工本费 每证10元",
			FeeBasis:      "《国家发展改革委 财政部关于公安交通管理收费标准的通知》（发改价格〔2004〕2831号）",
			Conditions:    "机动车驾驶证遗失的，机动车驾驶人向机动车驾驶证核发地或者核发地以外的车辆管理所申请补领。",
			LegalBasis:    "《机动车驾驶证申领和使用规定》第七十二条",
			Trips:         0,
			OnlinePreview: true,
			Bookable:      true,
			Keywords:      "驾照丢了 补驾照 驾驶证遗失 补证",
			Sites:         atCounty(),
			Materials: []portal.Material{
				idCard("驾驶人"),
				optional(photo("可现场采集")),
			},
		},
		{
			Code: "JJDD-003", Name: "机动车注册登记", DepartmentCode: "jjdd",
			Kind: portal.KindOtherApproval, Handling: portal.HandlingInstant, LegalDays: 2,
			Fee:           "号牌工本费 汽车每副100元；行驶证工本费每证10元",
			FeeBasis:      "《国家发展改革委 财政部关于公安交通管理收费标准的通知》（发改价格〔2004〕2831号）",
			Conditions:    "初次申领机动车号牌、行驶证的，机动车所有人向住所地的车辆管理所申请注册登记，车辆经查验合格。",
			LegalBasis:    "《中华人民共和国道路交通安全法》第八条、第九条",
			Trips:         1,
			OnlinePreview: true,
			Bookable:      true,
			Keywords:      "上牌 新车上牌 车牌 选号 行驶证",
			Sites:         atCounty(),
			Materials: []portal.Material{
				idCard("机动车所有人"),
				doc("机动车来历证明（购车发票）", portal.FormOriginal, ""),
				doc("机动车整车出厂合格证明或进口凭证", portal.FormOriginal, ""),
				optional(doc("车辆购置税完税证明", portal.FormElectronic, "已与税务部门联网核查的免于提交")),
				doc("机动车交通事故责任强制保险凭证", portal.FormElectronic, "电子保单即可"),
				powerOfAttorney(),
			},
		},
		{
			Code: "JJDD-004", Name: "机动车检验合格标志核发", DepartmentCode: "jjdd",
			Kind: portal.KindConvenience, Handling: portal.HandlingInstant,
			Fee:           free,
			Conditions:    "机动车在检验有效期满前三个月内已检验合格（6年以内的非营运小微型载客汽车免检），无未处理的交通违法和交通事故记录。",
			LegalBasis:    "《中华人民共和国道路交通安全法》第十三条",
			Trips:         0,
			OnlinePreview: true,
			Bookable:      false,
			Keywords:      "年检 年审 免检 检验标志 电子标志",
			Sites:         atCounty(),
			Materials: []portal.Material{
				doc("机动车行驶证", portal.FormOriginal, ""),
				doc("机动车交通事故责任强制保险凭证", portal.FormElectronic, "电子保单即可"),
				optional(doc("机动车安全技术检验合格证明", portal.FormOriginal, "免检车辆不需提供")),
			},
		},

		// ---------------- 不动产登记中心 ----------------
		{
			Code: "BDCDJ-001", Name: "国有建设用地使用权及房屋所有权首次登记", DepartmentCode: "bdcdj",
			Kind: portal.KindOtherApproval, Handling: portal.HandlingPromise, LegalDays: 30, PromisedDays: 5,
			Fee:           "住宅类每件80元，非住宅类每件550元；证书工本费每本10元（只发一本证书的免收）",
			FeeBasis:      "《国家发展改革委 财政部关于不动产登记收费标准等有关问题的通知》（发改价格规〔2016〕2559号）",
			Conditions:    "依法取得国有建设用地使用权并在该土地上建成房屋，已通过规划核实和竣工验收备案的，由房地产开发企业等权利人申请首次登记。",
			LegalBasis:    "《不动产登记暂行条例》第十四条、第二十条",
			Trips:         1,
			OnlinePreview: true,
			Bookable:      true,
			Keywords:      "大证 房产证 确权 首次登记 新房办证",
			Sites:         atCounty(),
			Materials: []portal.Material{
				appForm("不动产登记申请书"),
				businessLicence(),
				landCertificate(),
				doc("建设工程符合规划的材料（规划核实意见）", portal.FormCopy, ""),
				doc("房屋已经竣工的材料（竣工验收备案表）", portal.FormCopy, ""),
				report("房屋测绘报告", "由具有相应资质的测绘单位出具"),
				optional(doc("相关税费缴纳凭证", portal.FormCopy, "已与税务部门联网的免于提交")),
			},
		},
		{
			Code: "BDCDJ-002", Name: "国有建设用地使用权及房屋所有权转移登记", DepartmentCode: "bdcdj",
			Kind: portal.KindOtherApproval, Handling: portal.HandlingPromise, LegalDays: 30, PromisedDays: 3,
			Fee:           "住宅类每件80元，非住宅类每件550元；证书工本费每本10元（只发一本证书的免收）",
			FeeBasis:      "《国家发展改革委 财政部关于不动产登记收费标准等有关问题的通知》（发改价格规〔2016〕2559号）",
			Conditions:    "因买卖、赠与、继承、互换等导致不动产权利发生转移的，当事人双方共同申请（继承、受遗赠的可单方申请）。",
			LegalBasis:    "《不动产登记暂行条例》第十四条；《不动产登记暂行条例实施细则》第三十八条",
			Trips:         1,
			OnlinePreview: true,
			Bookable:      true,
			Keywords:      "过户 二手房 买房 卖房 房产证过户 赠与",
			Sites:         atCounty(),
			Materials: []portal.Material{
				appForm("不动产登记申请书"),
				idCards("买卖双方"),
				landCertificate(),
				doc("不动产买卖合同（或赠与合同、继承公证书等）", portal.FormOriginal, "网签备案合同可由系统调取"),
				doc("契税等税费完税凭证", portal.FormCopy, "已与税务部门联网的免于提交"),
				optional(doc("婚姻状况证明", portal.FormCopy, "涉及夫妻共有财产时提供")),
			},
		},
		{
			Code: "BDCDJ-003", Name: "不动产抵押权首次登记", DepartmentCode: "bdcdj",
			Kind: portal.KindOtherApproval, Handling: portal.HandlingPromise, LegalDays: 30, PromisedDays: 1,
			Fee:           "住宅类每件80元，非住宅类每件550元（小微企业、个体工商户申请的免收）",
			FeeBasis:      "《国家发展改革委 财政部关于不动产登记收费标准等有关问题的通知》（发改价格规〔2016〕2559号）",
			Conditions:    "以不动产设定抵押的，抵押人和抵押权人共同申请抵押权登记。",
			LegalBasis:    "《中华人民共和国民法典》第四百零二条；《不动产登记暂行条例》第五条",
			Trips:         0,
			OnlinePreview: true,
			Bookable:      true,
			Keywords:      "抵押 贷款 按揭 房屋抵押 银行贷款",
			Sites:         atCounty(),
			Materials: []portal.Material{
				appForm("不动产登记申请书"),
				doc("主债权合同及抵押合同", portal.FormOriginal, ""),
				landCertificate(),
				idCard("抵押人"),
				doc("抵押权人营业执照或金融许可证", portal.FormCopy, "银行申请的加盖公章"),
				powerOfAttorney(),
			},
		},
		{
			Code: "BDCDJ-004", Name: "不动产登记资料查询", DepartmentCode: "bdcdj",
			Kind: portal.KindConvenience, Handling: portal.HandlingInstant,
			Fee:           free,
			Conditions:    "不动产权利人、利害关系人可以依法查询、复制不动产登记资料；权利人可查询本人名下不动产登记结果。",
			LegalBasis:    "《不动产登记暂行条例》第二十七条",
			Trips:         0,
			OnlinePreview: true,
			Bookable:      true,
			Keywords:      "查房产 房产查询 名下房产 有无房证明 查档",
			Sites:         atCounty(),
			Materials: []portal.Material{
				appForm("不动产登记资料查询申请书"),
				idCard("查询人"),
				optional(doc("利害关系证明材料", portal.FormCopy, "利害关系人查询时提供")),
			},
		},

		// ---------------- 卫生健康局 ----------------
		{
			Code: "WJJ-001", Name: "公共场所卫生许可", DepartmentCode: "wjj",
			Kind: portal.KindLicensing, Handling: portal.HandlingPromise, LegalDays: 20, PromisedDays: 5,
			Fee:           free,
			Conditions:    "宾馆、理发店、美容店、游泳场馆、沐浴场所等公共场所，经营场所及设施符合卫生标准和要求，从业人员持有有效健康合格证明。",
			LegalBasis:    "《公共场所卫生管理条例》第八条",
			Trips:         1,
			OnlinePreview: true,
			Bookable:      true,
			Keywords:      "卫生许可证 宾馆 理发店 美容美发 足浴 游泳池",
			Sites:         atCounty(),
			Materials: []portal.Material{
				appForm("公共场所卫生许可申请表"),
				businessLicence(),
				legalRepID(),
				sitePlan("公共场所平面图和卫生设施布局图"),
				doc("公共场所卫生检测或评价报告", portal.FormCopy, "由具有资质的检测机构出具"),
				doc("从业人员健康合格证明", portal.FormCopy, ""),
			},
		},
		{
			Code: "WJJ-002", Name: "医师执业注册", DepartmentCode: "wjj",
			Kind: portal.KindLicensing, Handling: portal.HandlingPromise, LegalDays: 20, PromisedDays: 5,
			Fee:           free,
			Conditions:    "取得医师资格，拟在本县医疗、预防、保健机构执业，无《中华人民共和国医师法》规定的不予注册情形。",
			LegalBasis:    "《中华人民共和国医师法》第十三条",
			Trips:         0,
			OnlinePreview: true,
			Bookable:      true,
			Keywords:      "医生执业 执业医师 医师证 注册 变更执业地点",
			Sites:         atCounty(),
			Materials: []portal.Material{
				appForm("医师执业注册申请审核表"),
				doc("医师资格证书", portal.FormCopy, ""),
				idCard("申请人"),
				doc("近6个月内的健康体检证明", portal.FormOriginal, "县级以上医疗机构出具"),
				doc("拟执业机构聘用证明", portal.FormOriginal, "加盖医疗机构公章"),
				photo("2寸白底"),
			},
		},
		{
			Code: "WJJ-003", Name: "医疗机构执业登记", DepartmentCode: "wjj",
			Kind: portal.KindLicensing, Handling: portal.HandlingPromise, LegalDays: 45, PromisedDays: 15,
			Fee:           free,
			Conditions:    "按照设置规划设立、符合医疗机构基本标准，有适合的名称、组织机构和场所，有与其开展的业务相适应的经费、设施、设备和专业卫生技术人员，能够独立承担民事责任。",
			LegalBasis:    "《医疗机构管理条例》第十五条、第十六条",
			Trips:         2,
			OnlinePreview: true,
			Bookable:      true,
			Keywords:      "诊所 卫生院 医院 医疗机构执业许可证 开诊所",
			Sites:         atCounty(),
			Materials: []portal.Material{
				appForm("医疗机构申请执业登记注册书"),
				doc("医疗机构用房产权证明或使用证明", portal.FormCopy, ""),
				sitePlan("医疗机构建筑设计平面图"),
				doc("验资证明或资产评估报告", portal.FormCopy, ""),
				doc("医疗机构规章制度", portal.FormOriginal, ""),
				doc("医疗机构法定代表人或主要负责人以及各科室负责人名录和有关资格证书、执业证书", portal.FormCopy, ""),
			},
		},
		{
			Code: "WJJ-004", Name: "护士执业注册", DepartmentCode: "wjj",
			Kind: portal.KindLicensing, Handling: portal.HandlingPromise, LegalDays: 20, PromisedDays: 5,
			Fee:           free,
			Conditions:    "具有完全民事行为能力，取得护士执业资格考试成绩合格证明，符合国务院卫生主管部门规定的健康标准，自通过考试之日起3年内提出申请。",
			LegalBasis:    "《护士条例》第七条、第八条",
			Trips:         0,
			OnlinePreview: true,
			Bookable:      true,
			Keywords:      "护士证 护士注册 执业护士",
			Sites:         atCounty(),
			Materials: []portal.Material{
				appForm("护士执业注册申请审核表"),
				idCard("申请人"),
				doc("学历证书及专业学习中的临床实习证明", portal.FormCopy, ""),
				doc("护士执业资格考试成绩合格证明", portal.FormCopy, ""),
				doc("近6个月内的健康体检证明", portal.FormOriginal, "二级以上医疗机构出具"),
				doc("医疗卫生机构拟聘用的相关材料", portal.FormOriginal, ""),
			},
		},

		// ---------------- 水利局 ----------------
		{
			Code: "SLJ-001", Name: "取水许可", DepartmentCode: "slj",
			Kind: portal.KindLicensing, Handling: portal.HandlingPromise, LegalDays: 45, PromisedDays: 15,
			Fee:           free,
			Conditions:    "直接从江河、湖泊或者地下取用水资源的单位和个人（家庭生活和零星散养、圈养畜禽饮用等少量取水除外），取水符合水资源综合规划和用水总量控制要求。",
			LegalBasis:    "《中华人民共和国水法》第七条、第四十八条；《取水许可和水资源费征收管理条例》第二条",
			Trips:         1,
			OnlinePreview: true,
			Bookable:      true,
			Keywords:      "取水 打井 抽水 取水证 水资源论证",
			Sites:         atCounty(),
			Materials: []portal.Material{
				appForm("取水许可申请书"),
				report("建设项目水资源论证报告书（表）", "取水量较少、对周边影响较小的可填报水资源论证表"),
				optional(doc("与第三者利害关系的相关说明", portal.FormOriginal, "取水涉及第三者利害关系时提供")),
				businessLicence(),
				powerOfAttorney(),
			},
		},
		{
			Code: "SLJ-002", Name: "生产建设项目水土保持方案审批", DepartmentCode: "slj",
			Kind: portal.KindLicensing, Handling: portal.HandlingPromise, LegalDays: 20, PromisedDays: 5,
			Fee:           free,
			Conditions:    "在山区、丘陵区、风沙区以及水土保持规划确定的容易发生水土流失的其他区域开办可能造成水土流失的生产建设项目，征占地面积5公顷以上或挖填土石方总量5万立方米以上的编制报告书，其余编制报告表。",
			LegalBasis:    "《中华人民共和国水土保持法》第二十五条",
			Trips:         1,
			OnlinePreview: true,
			Bookable:      true,
			Keywords:      "水保 水土保持 水保方案 水土流失",
			Sites:         atCounty(),
			Materials: []portal.Material{
				appForm("生产建设项目水土保持方案审批申请文件"),
				report("水土保持方案报告书（表）", "报告表可由建设单位自行编制"),
				projectApproval(),
				businessLicence(),
			},
		},
		{
			Code: "SLJ-003", Name: "河道管理范围内建设项目工程建设方案审批", DepartmentCode: "slj",
			Kind: portal.KindLicensing, Handling: portal.HandlingPromise, LegalDays: 20, PromisedDays: 7,
			Fee:           free,
			Conditions:    "在河道管理范围内建设桥梁、码头、道路、渡口、管道、缆线、取水、排水等工程设施，工程建设方案符合防洪标准和有关技术要求。",
			LegalBasis:    "《中华人民共和国水法》第三十八条；《中华人民共和国防洪法》第二十七条",
			Trips:         1,
			OnlinePreview: true,
			Bookable:      true,
			Keywords:      "河道 涉河 桥梁 防洪评价 码头",
			Sites:         atCounty(),
			Materials: []portal.Material{
				appForm("河道管理范围内建设项目申请书"),
				report("防洪评价报告", ""),
				drawing("工程建设方案及位置图", "标明与河道堤防、主河槽的相对位置"),
				projectApproval(),
			},
		},

		// ---------------- 交通运输局 ----------------
		{
			Code: "JTYSJ-001", Name: "道路货物运输经营许可", DepartmentCode: "jtysj",
			Kind: portal.KindLicensing, Handling: portal.HandlingPromise, LegalDays: 20, PromisedDays: 5,
			Fee:           free,
			Conditions:    "从事总质量4.5吨以上普通货运车辆道路货物运输经营的，有与其经营业务相适应并经检测合格的车辆、符合条件的驾驶人员和健全的安全生产管理制度。",
			LegalBasis:    "《中华人民共和国道路运输条例》第二十一条、第二十四条",
			Trips:         0,
			OnlinePreview: true,
			Bookable:      true,
			Keywords:      "货运 道路运输证 运输许可 跑运输 货车",
			Sites:         atCounty(),
			Materials: []portal.Material{
				appForm("道路货物运输经营申请表"),
				legalRepID(),
				doc("机动车行驶证", portal.FormCopy, "拟投入运输车辆"),
				doc("驾驶人员机动车驾驶证及从业资格证", portal.FormCopy, ""),
				doc("安全生产管理制度文本", portal.FormOriginal, "含安全生产责任制度、操作规程和安全监督检查制度"),
			},
		},
		{
			Code: "JTYSJ-002", Name: "公路超限运输许可", DepartmentCode: "jtysj",
			Kind: portal.KindLicensing, Handling: portal.HandlingInstant, LegalDays: 2,
			Fee:           free,
			Conditions:    "载运不可解体物品的车辆外廓尺寸、轴荷或者总质量超过公路限定标准，需在本县管辖的普通公路上行驶的。",
			LegalBasis:    "《中华人民共和国公路法》第五十条；《公路安全保护条例》第三十五条",
			Trips:         0,
			OnlinePreview: true,
			Bookable:      false,
			Keywords:      "大件运输 超限 超宽 超重 通行证",
			Sites:         atCounty(),
			Materials: []portal.Material{
				onlineForm("公路超限运输申请表", "在全国大件运输许可服务平台在线填报"),
				doc("车辆行驶证或临时行驶车号牌", portal.FormElectronic, ""),
				doc("货物外廓尺寸和重量示意图", portal.FormElectronic, "标明车货总体轮廓尺寸"),
				optional(doc("车辆道路运输证", portal.FormElectronic, "营运车辆提供")),
			},
		},
		{
			Code: "JTYSJ-003", Name: "涉路施工许可", DepartmentCode: "jtysj",
			Kind: portal.KindLicensing, Handling: portal.HandlingPromise, LegalDays: 20, PromisedDays: 5,
			Fee:           free,
			Conditions:    "因修建铁路、机场、电站、通信设施、水利工程和进行其他建设工程需要占用、挖掘公路、公路用地，或者跨越、穿越公路修建桥梁、渡槽或者架设、埋设管道、电缆等设施的。",
			LegalBasis:    "《中华人民共和国公路法》第四十四条、第四十五条；《公路安全保护条例》第二十七条",
			Trips:         1,
			OnlinePreview: true,
			Bookable:      true,
			Keywords:      "占道 挖路 管线穿越 公路施工 路政",
			Sites:         atCounty(),
			Materials: []portal.Material{
				appForm("涉路施工许可申请书"),
				report("施工方案及保障公路、公路附属设施质量和安全的技术评价报告", ""),
				drawing("设计图及施工位置示意图", ""),
				report("处置施工险情和意外事故的应急方案", ""),
				businessLicence(),
			},
		},

		// ---------------- 农业农村局 ----------------
		{
			Code: "NYNCJ-001", Name: "农药经营许可", DepartmentCode: "nyncj",
			Kind: portal.KindLicensing, Handling: portal.HandlingPromise, LegalDays: 20, PromisedDays: 7,
			Fee:           free,
			Conditions:    "有具备农药和病虫害防治专业知识、熟悉农药管理规定的经营人员，有与其经营的农药相适应的营业场所、设备、仓储设施、安全防护措施和环境污染防治设施，有相应的管理制度和岗位操作规程。",
			LegalBasis:    "《农药管理条例》第二十四条",
			Trips:         1,
			OnlinePreview: true,
			Bookable:      true,
			Keywords:      "农药 农资店 农药店 卖农药",
			Sites:         atCounty(),
			Materials: []portal.Material{
				appForm("农药经营许可证申请表"),
				businessLicence(),
				doc("经营人员农学等相关专业学历证明或培训证明", portal.FormCopy, ""),
				premisesProof(),
				sitePlan("营业场所和仓储场所平面图"),
				doc("管理制度和岗位操作规程", portal.FormOriginal, ""),
			},
		},
		{
			Code: "NYNCJ-002", Name: "兽药经营许可", DepartmentCode: "nyncj",
			Kind: portal.KindLicensing, Handling: portal.HandlingPromise, LegalDays: 30, PromisedDays: 10,
			Fee:           free,
			Conditions:    "有与所经营的兽药相适应的兽药技术人员、营业场所、设备、仓库设施和质量管理机构及人员，有兽药质量管理制度。经营兽用生物制品的除外。",
			LegalBasis:    "《兽药管理条例》第二十二条",
			Trips:         1,
			OnlinePreview: true,
			Bookable:      true,
			Keywords:      "兽药 兽药店 饲料 养殖",
			Sites:         atCounty(),
			Materials: []portal.Material{
				appForm("兽药经营许可证申请表"),
				businessLicence(),
				doc("兽药技术人员学历或职称证明", portal.FormCopy, ""),
				premisesProof(),
				doc("兽药质量管理制度", portal.FormOriginal, ""),
			},
		},
		{
			Code: "NYNCJ-003", Name: "动物防疫条件合格证核发", DepartmentCode: "nyncj",
			Kind: portal.KindLicensing, Handling: portal.HandlingPromise, LegalDays: 20, PromisedDays: 7,
			Fee:           free,
			Conditions:    "开办动物饲养场、隔离场所、动物屠宰加工场所以及动物和动物产品无害化处理场所，场所位置与居民生活区、生活饮用水水源地、学校、医院等公共场所的距离符合规定，有相应的污水、污物处理设施和防疫制度。",
			LegalBasis:    "《中华人民共和国动物防疫法》第二十四条、第二十五条",
			Trips:         2,
			OnlinePreview: true,
			Bookable:      true,
			Keywords:      "养猪场 养殖场 防疫合格证 屠宰场",
			Sites:         atCounty(),
			Materials: []portal.Material{
				appForm("动物防疫条件审查申请表"),
				sitePlan("场所地理位置图、各功能区布局平面图"),
				doc("设施设备清单", portal.FormOriginal, ""),
				doc("管理制度文本及人员情况", portal.FormOriginal, ""),
				idCard("申请人或法定代表人"),
			},
		},
		{
			Code: "NYNCJ-004", Name: "拖拉机和联合收割机登记", DepartmentCode: "nyncj",
			Kind: portal.KindOtherApproval, Handling: portal.HandlingInstant, LegalDays: 2,
			Fee:           free,
			Conditions:    "拖拉机、联合收割机所有人在投入使用前，向住所地县级农业机械化主管部门申请注册登记，机具经安全检验合格。",
			LegalBasis:    "《农业机械安全监督管理条例》第二十一条",
			Trips:         1,
			OnlinePreview: true,
			Bookable:      true,
			Keywords:      "农机上牌 拖拉机 收割机 旋耕机 农机登记",
			Sites:         atCounty(),
			Materials: []portal.Material{
				appForm("拖拉机和联合收割机登记申请表"),
				idCard("所有人"),
				doc("来历证明（购机发票）", portal.FormOriginal, ""),
				doc("出厂合格证明或进口凭证", portal.FormOriginal, ""),
				doc("安全技术检验合格证明", portal.FormOriginal, ""),
			},
		},
		{
			// Retired: since the 2019 land law amendment the township government approves.
			Code: "NYNCJ-005", Name: "农村村民宅基地审批", DepartmentCode: "nyncj",
			Kind: portal.KindLicensing, Handling: portal.HandlingPromise, LegalDays: 20, PromisedDays: 10,
			Fee:           free,
			Conditions:    "已下放至乡（镇）人民政府审核批准，请到户籍所在地乡镇便民服务中心申请。农村村民一户只能拥有一处宅基地，面积不得超过省规定的标准。",
			LegalBasis:    "《中华人民共和国土地管理法》第六十二条",
			Trips:         1,
			OnlinePreview: false,
			Bookable:      false,
			Keywords:      "宅基地 农村建房 批地 建房审批",
			Sites:         atTownships(),
			Status:        portal.ItemDelegated,
			Materials: []portal.Material{
				appForm("农村宅基地和建房（规划许可）申请表"),
				idCard("申请人"),
				householdRegister("申请人"),
				doc("村民小组会议记录及村级组织审查意见", portal.FormOriginal, ""),
			},
		},

		// ---------------- 教育局 ----------------
		{
			Code: "JYJ-001", Name: "民办学校设立审批", DepartmentCode: "jyj",
			Kind: portal.KindLicensing, Handling: portal.HandlingPromise, LegalDays: 60, PromisedDays: 20,
			Fee:           free,
			Conditions:    "举办实施学历教育、学前教育的民办学校，举办者具有法人资格或完全民事行为能力，有与办学规模相适应的校舍、设施设备、师资和办学经费，符合当地教育发展规划。",
			LegalBasis:    "《中华人民共和国民办教育促进法》第十二条、第十七条",
			Trips:         2,
			OnlinePreview: true,
			Bookable:      true,
			Keywords:      "民办学校 办学 幼儿园 私立学校 办学许可证",
			Sites:         atCounty(),
			Materials: []portal.Material{
				appForm("民办学校设立申办报告"),
				doc("举办者资格证明文件", portal.FormCopy, "法人举办的提供营业执照或登记证书，自然人举办的提供身份证"),
				doc("拟任校长的身份证明及资格证明", portal.FormCopy, ""),
				premisesProof(),
				doc("资产来源、资金数额及有效证明文件", portal.FormCopy, "含验资报告"),
				doc("学校章程及首届学校理事会、董事会组成人员名单", portal.FormOriginal, ""),
				sitePlan("校舍平面图及功能分区示意图"),
			},
		},
		{
			Code: "JYJ-002", Name: "教师资格认定", DepartmentCode: "jyj",
			Kind: portal.KindLicensing, Handling: portal.HandlingPromise, LegalDays: 30, PromisedDays: 15,
			Fee:           free,
			Conditions:    "遵守宪法和法律，热爱教育事业，具有良好思想品德，具备规定的学历，普通话水平达到二级乙等以上，教师资格考试合格，体检合格。",
			LegalBasis:    "《中华人民共和国教师法》第十条、第十三条；《教师资格条例》第十三条",
			Trips:         0,
			OnlinePreview: true,
			Bookable:      true,
			Keywords:      "教资 教师资格证 教师证 认定",
			Sites:         atCounty(),
			Materials: []portal.Material{
				onlineForm("教师资格认定申请表", "在中国教师资格网在线填报"),
				idCard("申请人"),
				doc("学历证书", portal.FormCopy, "学信网可核验的免于提交"),
				doc("普通话水平测试等级证书", portal.FormCopy, "可在线核验的免于提交"),
				doc("教师资格认定体检表", portal.FormOriginal, "县级以上指定医院体检"),
				photo("2寸白底，与网上报名上传照片一致"),
			},
		},
		{
			Code: "JYJ-003", Name: "义务教育阶段学生转学", DepartmentCode: "jyj",
			Kind: portal.KindPublicService, Handling: portal.HandlingPromise, LegalDays: 10, PromisedDays: 3,
			Fee:           free,
			Conditions:    "义务教育阶段学生因户籍迁移、随父母务工等原因需在县内或跨县转学的，经转入学校同意后办理学籍转接。",
			LegalBasis:    "《中华人民共和国义务教育法》第十二条",
			Trips:         1,
			OnlinePreview: true,
			Bookable:      true,
			Keywords:      "转学 学籍 插班 读书 上学",
			Sites:         atCounty(),
			Materials: []portal.Material{
				appForm("义务教育阶段学生转学申请表"),
				idCard("监护人"),
				householdRegister("学生"),
				optional(doc("转入地居住证明或父母务工证明", portal.FormCopy, "随迁子女提供")),
			},
		},

		// ---------------- 文化广播电视和旅游局 ----------------
		{
			Code: "WGLJ-001", Name: "娱乐场所经营许可", DepartmentCode: "wglj",
			Kind: portal.KindLicensing, Handling: portal.HandlingPromise, LegalDays: 20, PromisedDays: 7,
			Fee:           free,
			Conditions:    "设立歌舞、游艺娱乐场所，场所位置符合规定，使用面积不低于规定标准，投资人、法定代表人和从业人员无法律禁止的情形。",
			LegalBasis:    "《娱乐场所管理条例》第九条",
			Trips:         2,
			OnlinePreview: true,
			Bookable:      true,
			Keywords:      "KTV 歌厅 游艺厅 娱乐场所 棋牌",
			Sites:         atCounty(),
			Materials: []portal.Material{
				appForm("娱乐场所经营许可申请书"),
				businessLicence(),
				legalRepID(),
				premisesProof(),
				sitePlan("娱乐场所平面示意图"),
				commitment("投资人、法定代表人、主要负责人无违法犯罪记录承诺书"),
			},
		},
		{
			Code: "WGLJ-002", Name: "互联网上网服务营业场所经营单位设立审批", DepartmentCode: "wglj",
			Kind: portal.KindLicensing, Handling: portal.HandlingPromise, LegalDays: 20, PromisedDays: 7,
			Fee:           free,
			Conditions:    "有与其经营活动相适应的营业场所、计算机等设备，有固定的网络地址，有健全、完善的信息网络安全管理制度和安全技术措施，营业场所距中小学校门200米以外。",
			LegalBasis:    "《互联网上网服务营业场所管理条例》第八条、第十一条",
			Trips:         2,
			OnlinePreview: true,
			Bookable:      true,
			Keywords:      "网吧 网咖 上网服务 电竞馆",
			Sites:         atCounty(),
			Materials: []portal.Material{
				appForm("互联网上网服务营业场所经营单位设立申请表"),
				businessLicence(),
				legalRepID(),
				premisesProof(),
				sitePlan("营业场所平面图及计算机布局图"),
			},
		},
		{
			Code: "WGLJ-003", Name: "营业性演出审批", DepartmentCode: "wglj",
			Kind: portal.KindLicensing, Handling: portal.HandlingPromise, LegalDays: 3, PromisedDays: 1,
			Fee:           free,
			Conditions:    "文艺表演团体、演出经纪机构在本县举办营业性演出，演出场所合法、节目内容不含禁止内容，已制定安全保卫工作方案和灭火、应急疏散预案。",
			LegalBasis:    "《营业性演出管理条例》第十三条",
			Trips:         0,
			OnlinePreview: true,
			Bookable:      true,
			Keywords:      "演出 演唱会 文艺演出 商演",
			Sites:         atCounty(),
			Materials: []portal.Material{
				appForm("营业性演出申请登记表"),
				doc("演出节目内容及演员名单", portal.FormOriginal, "含节目视频链接或剧本"),
				doc("演出场所合格证明及与演出场所的协议", portal.FormCopy, ""),
				businessLicence(),
				doc("营业性演出许可证或演出经纪机构资质", portal.FormCopy, ""),
			},
		},

		// ---------------- 应急管理局 ----------------
		{
			Code: "YJGLJ-001", Name: "烟花爆竹经营（零售）许可", DepartmentCode: "yjglj",
			Kind: portal.KindLicensing, Handling: portal.HandlingPromise, LegalDays: 20, PromisedDays: 5,
			Fee:           free,
			Conditions:    "零售经营布点符合本县规划，有符合规定的零售经营场所和安全条件，主要负责人经安全培训合格。",
			LegalBasis:    "《烟花爆竹安全管理条例》第三条、第十九条",
			Trips:         1,
			OnlinePreview: true,
			Bookable:      true,
			Keywords:      "鞭炮 烟花 春节 零售点 花炮",
			Sites:         atCounty(),
			Materials: []portal.Material{
				appForm("烟花爆竹经营（零售）许可证申请书"),
				businessLicence(),
				idCard("主要负责人"),
				sitePlan("零售场所平面图及周边环境示意图"),
				doc("主要负责人安全培训合格证明", portal.FormCopy, ""),
				premisesProof(),
			},
		},
		{
			Code: "YJGLJ-002", Name: "危险化学品经营许可（不带储存设施）", DepartmentCode: "yjglj",
			Kind: portal.KindLicensing, Handling: portal.HandlingPromise, LegalDays: 30, PromisedDays: 10,
			Fee:           free,
			Conditions:    "有符合国家标准、行业标准的经营场所，有经专业技术培训并考核合格的从业人员，有健全的安全管理规章制度和生产安全事故应急预案。",
			LegalBasis:    "《危险化学品安全管理条例》第三十四条、第三十五条",
			Trips:         1,
			OnlinePreview: true,
			Bookable:      true,
			Keywords:      "危化品 化工 油漆 化学品 经营许可",
			Sites:         atCounty(),
			Materials: []portal.Material{
				appForm("危险化学品经营许可证申请表"),
				businessLicence(),
				doc("主要负责人、安全管理人员安全生产知识和管理能力考核合格证明", portal.FormCopy, ""),
				doc("安全生产规章制度和岗位操作规程", portal.FormOriginal, ""),
				report("生产安全事故应急预案", ""),
				premisesProof(),
			},
		},
		{
			Code: "YJGLJ-003", Name: "生产经营单位生产安全事故应急预案备案", DepartmentCode: "yjglj",
			Kind: portal.KindOtherApproval, Handling: portal.HandlingInstant,
			Fee:           free,
			Conditions:    "易燃易爆物品、危险化学品等危险物品的生产、经营、储存、运输单位，矿山、金属冶炼、建筑施工企业等，在应急预案公布之日起20个工作日内备案。",
			LegalBasis:    "《生产安全事故应急条例》第七条",
			Trips:         0,
			OnlinePreview: true,
			Bookable:      true,
			Keywords:      "应急预案 预案备案 安全生产",
			Sites:         atCounty(),
			Materials: []portal.Material{
				appForm("生产经营单位生产安全事故应急预案备案申报表"),
				report("应急预案", "含综合应急预案、专项应急预案和现场处置方案"),
				doc("应急预案评审意见", portal.FormCopy, ""),
				optional(report("风险评估结果和应急资源调查清单", "")),
			},
		},

		// ---------------- 退役军人事务局 ----------------
		{
			Code: "TYJRJ-001", Name: "退役军人和其他优抚对象优待证申领", DepartmentCode: "tyjrj",
			Kind: portal.KindPublicService, Handling: portal.HandlingPromise, LegalDays: 30, PromisedDays: 10,
			Fee:           free,
			Conditions:    "户籍在本县的退役军人、烈士遗属、因公牺牲军人遗属、病故军人遗属等优抚对象。",
			LegalBasis:    "《中华人民共和国退役军人保障法》第六十三条",
			Trips:         1,
			OnlinePreview: true,
			Bookable:      true,
			Keywords:      "优待证 退伍军人 老兵 军人优待",
			Sites:         atAllSites(),
			Materials: []portal.Material{
				appForm("优待证申领登记表"),
				idCard("申请人"),
				photo("2寸白底"),
				doc("退役证件（退伍证、转业证等）或优抚对象身份证明", portal.FormCopy, ""),
			},
		},
		{
			Code: "TYJRJ-002", Name: "自主就业退役士兵一次性经济补助金给付", DepartmentCode: "tyjrj",
			Kind: portal.KindOtherApproval, Handling: portal.HandlingPromise, LegalDays: 30, PromisedDays: 10,
			Fee:           free,
			Conditions:    "入伍时户籍在本县、退役后选择自主就业并在规定时间内到本县退役军人事务局报到的退役士兵。",
			LegalBasis:    "《退役士兵安置条例》第十九条",
			Trips:         1,
			OnlinePreview: true,
			Bookable:      true,
			Keywords:      "退伍费 补助金 退役士兵 自主就业",
			Sites:         atCounty(),
			Materials: []portal.Material{
				idCard("退役士兵"),
				doc("退出现役证明书", portal.FormOriginalAndCopy, ""),
				doc("退役士兵自主就业证明", portal.FormCopy, ""),
				bankAccount(),
			},
		},

		// ---------------- 残疾人联合会 ----------------
		{
			Code: "CL-001", Name: "残疾人证新办", DepartmentCode: "cl",
			Kind: portal.KindPublicService, Handling: portal.HandlingPromise, LegalDays: 20, PromisedDays: 10,
			Fee:           free,
			Conditions:    "符合残疾标准的本县户籍居民，经指定医疗机构残疾评定后申请办理。",
			LegalBasis:    "《中华人民共和国残疾人保障法》第二条",
			Trips:         1,
			OnlinePreview: true,
			Bookable:      true,
			Keywords:      "残疾证 办残疾证 残疾评定 评残",
			Sites:         atAllSites(),
			Materials: []portal.Material{
				appForm("中华人民共和国残疾人证申请表"),
				idCard("申请人"),
				householdRegister("申请人"),
				withCopies(photo("2寸白底"), 3),
				doc("残疾评定表", portal.FormOriginal, "由县残联指定医疗机构评定后出具"),
			},
		},
		{
			Code: "CL-002", Name: "困难残疾人生活补贴和重度残疾人护理补贴申请", DepartmentCode: "cl",
			Kind: portal.KindPublicService, Handling: portal.HandlingPromise, LegalDays: 30, PromisedDays: 10,
			Fee:           free,
			Conditions:    "持有第二代残疾人证的低保家庭残疾人可申请生活补贴；残疾等级为一、二级且需要长期照护的重度残疾人可申请护理补贴。",
			LegalBasis:    "《国务院关于全面建立困难残疾人生活补贴和重度残疾人护理补贴制度的意见》（国发〔2015〕52号）",
			Trips:         0,
			OnlinePreview: true,
			Bookable:      true,
			Keywords:      "两项补贴 残疾补贴 护理补贴 生活补贴",
			Sites:         atAllSites(),
			Materials: []portal.Material{
				appForm("困难残疾人生活补贴和重度残疾人护理补贴申请审批表"),
				doc("第二代残疾人证", portal.FormCopy, ""),
				idCard("申请人"),
				bankAccount(),
			},
		},
	}
	for i := range items {
		items[i].Version = 1
		if items[i].Status == "" {
			items[i].Status = portal.ItemActive
		}
	}
	return items
}
