<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>CaseNames</name>
    <message>
        <source>{image}, B-scan {number}</source>
        <translation>{image}，B 扫描 {number}</translation>
    </message>
    <message>
        <source>{image}, frame {number}</source>
        <translation>{image}，第 {number} 帧</translation>
    </message>
</context>
<context>
    <name>Eyes</name>
    <message>
        <source>OD (right eye)</source>
        <translation>右眼（OD）</translation>
    </message>
    <message>
        <source>OS (left eye)</source>
        <translation>左眼（OS）</translation>
    </message>
</context>
<context>
    <name>PatientNames</name>
    <message>
        <source>{alphabetic} ({ideographic})</source>
        <translation>{ideographic}（{alphabetic}）</translation>
    </message>
</context>
<context>
    <name>Recommendation</name>
    <message>
        <source>Refer urgently to a retina specialist (choroidal neovascularisation on OCT).</source>
        <translation>建议尽快转诊眼底病专科（OCT 示脉络膜新生血管）。</translation>
    </message>
    <message>
        <source>Refer to an ophthalmologist (macular oedema on OCT).</source>
        <translation>建议转诊眼科（OCT 示黄斑水肿）。</translation>
    </message>
    <message>
        <source>Scan not gradable: repeat the OCT scan or examine in clinic.</source>
        <translation>扫描无法分类：请重新做 OCT 扫描，或到眼科门诊检查。</translation>
    </message>
    <message>
        <source>Drusen on OCT: re-examine in 12 months, sooner if central vision worsens.</source>
        <translation>OCT 示玻璃膜疣：建议 12 个月后复查，中心视力下降时提前复查。</translation>
    </message>
    <message>
        <source>No abnormality on OCT: routine follow-up.</source>
        <translation>OCT 未见异常：常规随访。</translation>
    </message>
    <message>
        <source>No OCT class recorded: a qualified reader must classify the scan before follow-up is decided.</source>
        <translation>尚未记录 OCT 分类：须由具备资质的阅片医师完成分类后，再决定随访方案。</translation>
    </message>
    <message>
        <source>Refer urgently to an ophthalmologist ({reason}).</source>
        <translation>建议尽快转诊眼科（{reason}）。</translation>
    </message>
    <message>
        <source>possible macular oedema</source>
        <translation>可疑黄斑水肿</translation>
    </message>
    <message>
        <source>referable signs recorded</source>
        <translation>已记录需转诊的体征</translation>
    </message>
    <message>
        <source>Refer to an ophthalmologist ({reason}).</source>
        <translation>建议转诊眼科（{reason}）。</translation>
    </message>
    <message>
        <source>Image not gradable: repeat the photograph or examine in clinic.</source>
        <translation>图像无法分级：请重新拍摄眼底照片，或到眼科门诊检查。</translation>
    </message>
    <message>
        <source>Re-screen in 6 to 12 months.</source>
        <translation>建议 6～12 个月后复查。</translation>
    </message>
    <message>
        <source>Re-screen in 12 months.</source>
        <translation>建议 12 个月后复查。</translation>
    </message>
    <message>
        <source>No grade recorded: a qualified reader must grade the images before follow-up is decided.</source>
        <translation>尚未记录分级：须由具备资质的阅片医师完成分级后，再决定随访方案。</translation>
    </message>
    <message>
        <source>{first_eye}: {first} {second_eye}: {second}</source>
        <translation>{first_eye}：{first}{second_eye}：{second}</translation>
    </message>
</context>
<context>
    <name>Report</name>
    <message>
        <source>The AI output is an aid to a qualified reader, not a diagnosis. The grade and recommendation are valid only when confirmed and signed by the reader.</source>
        <translation>AI 结果仅供具备资质的阅片医师参考，不能作为诊断。分级与建议须经阅片医师确认并签字后方为有效。</translation>
    </message>
    <message>
        <source>unknown</source>
        <translation>未知</translation>
    </message>
    <message>
        <source>none (no AI result in this report)</source>
        <translation>无（本报告不含 AI 结果）</translation>
    </message>
    <message>
        <source>none (no model ran: the image quality was checked alone)</source>
        <translation>无（未运行模型：仅检查了图像质量）</translation>
    </message>
    <message>
        <source>not recorded</source>
        <translation>未记录</translation>
    </message>
    <message>
        <source>{date}, device: {device}</source>
        <translation>{date}，设备：{device}</translation>
    </message>
    <message>
        <source>AI analysis: {runs}</source>
        <translation>AI 分析：{runs}</translation>
    </message>
    <message>
        <source>Retinal screening</source>
        <translation>视网膜筛查</translation>
    </message>
    <message>
        <source>RetinaReview {version} · report of {date}</source>
        <translation>RetinaReview {version} · 报告日期 {date}</translation>
    </message>
    <message>
        <source>Models: </source>
        <translation>模型：</translation>
    </message>
    <message>
        <source>{label}: {value}</source>
        <translation>{label}：{value}</translation>
    </message>
    <message>
        <source>{patient} (continued)</source>
        <translation>{patient}（续）</translation>
    </message>
    <message>
        <source>Images — {eye}</source>
        <translation>图像 — {eye}</translation>
    </message>
    <message>
        <source>Images — {eye}: {scan}</source>
        <translation>图像 — {eye}：{scan}</translation>
    </message>
    <message>
        <source>OCT report — both eyes</source>
        <translation>OCT 报告（双眼）</translation>
    </message>
    <message>
        <source>OCT report</source>
        <translation>OCT 报告</translation>
    </message>
    <message>
        <source>Diabetic retinopathy screening report — both eyes</source>
        <translation>糖尿病视网膜病变筛查报告（双眼）</translation>
    </message>
    <message>
        <source>Diabetic retinopathy screening report</source>
        <translation>糖尿病视网膜病变筛查报告</translation>
    </message>
    <message>
        <source>Retinal report: fundus photograph and OCT scan — both eyes</source>
        <translation>视网膜检查报告：眼底照相与 OCT（双眼）</translation>
    </message>
    <message>
        <source>Retinal report: fundus photograph and OCT scan</source>
        <translation>视网膜检查报告：眼底照相与 OCT</translation>
    </message>
    <message>
        <source>Diagnosis</source>
        <translation>诊断</translation>
    </message>
    <message>
        <source>(no diagnosis text entered)</source>
        <translation>（未填写诊断）</translation>
    </message>
    <message>
        <source>Recommendation</source>
        <translation>建议</translation>
    </message>
    <message>
        <source>Based on: {grades}</source>
        <translation>依据：{grades}</translation>
    </message>
    <message>
        <source>{grade} (reader)</source>
        <translation>{grade}（阅片医师）</translation>
    </message>
    <message>
        <source>{grade} (AI)</source>
        <translation>{grade}（AI）</translation>
    </message>
    <message>
        <source>Page {page} of {pages}</source>
        <translation>第 {page} 页，共 {pages} 页</translation>
    </message>
    <message>
        <source>eye not recorded</source>
        <translation>眼别未记录</translation>
    </message>
    <message>
        <source>female</source>
        <translation>女</translation>
    </message>
    <message>
        <source>male</source>
        <translation>男</translation>
    </message>
    <message>
        <source>other</source>
        <translation>其他</translation>
    </message>
    <message>
        <source>Patient</source>
        <translation>患者</translation>
    </message>
    <message>
        <source>Patient ID</source>
        <translation>患者编号</translation>
    </message>
    <message>
        <source>Age</source>
        <translation>年龄</translation>
    </message>
    <message>
        <source>Sex</source>
        <translation>性别</translation>
    </message>
    <message>
        <source>Eye</source>
        <translation>眼别</translation>
    </message>
    <message>
        <source> and </source>
        <translation>、</translation>
    </message>
    <message>
        <source>Exam date</source>
        <translation>检查日期</translation>
    </message>
    <message>
        <source>Reader</source>
        <translation>阅片医师</translation>
    </message>
    <message>
        <source>Report date</source>
        <translation>报告日期</translation>
    </message>
    <message>
        <source>Eye disagreement: {check}</source>
        <translation>眼别不一致：{check}</translation>
    </message>
    <message>
        <source>born {date}</source>
        <translation>{date}出生</translation>
    </message>
    <message>
        <source>{age} years</source>
        <translation>{age} 岁</translation>
    </message>
    <message>
        <source>{age} (born {date})</source>
        <translation>{age}（{date}出生）</translation>
    </message>
    <message>
        <source>{title} ({note})</source>
        <translation>{title}（{note}）</translation>
    </message>
    <message>
        <source>AI result</source>
        <translation>AI 结果</translation>
    </message>
    <message>
        <source>No AI result: the analysis has not been run for this case. This report rests on the reader&apos;s assessment alone.</source>
        <translation>无 AI 结果：本病例尚未进行分析，本报告仅依据阅片医师的评估。</translation>
    </message>
    <message>
        <source>OCT class</source>
        <translation>OCT 分类</translation>
    </message>
    <message>
        <source>Probabilities</source>
        <translation>概率</translation>
    </message>
    <message>
        <source>not classified by the AI</source>
        <translation>AI 未分类</translation>
    </message>
    <message>
        <source>from the grading model</source>
        <translation>来自分级模型</translation>
    </message>
    <message>
        <source>from the ICDR rules on the lesion findings</source>
        <translation>依据病灶所见按 ICDR 规则判定</translation>
    </message>
    <message>
        <source>DR grade (ICDR)</source>
        <translation>DR 分级（ICDR）</translation>
    </message>
    <message>
        <source>, </source>
        <translation>，</translation>
    </message>
    <message>
        <source>{eye} ({image})</source>
        <translation>{eye}（{image}）</translation>
    </message>
    <message>
        <source>not named</source>
        <translation>未填写姓名</translation>
    </message>
    <message>
        <source>Grad-CAM, weak to strong</source>
        <translation>Grad-CAM 热图，由弱到强</translation>
    </message>
    <message>
        <source>No AI result: the analysis has not been run for this case, and no reader has graded it yet.</source>
        <translation>无 AI 结果：本病例尚未进行分析，阅片医师也尚未评估。</translation>
    </message>
    <message>
        <source>not assessed</source>
        <translation>未评估</translation>
    </message>
    <message>
        <source> (probability {percent})</source>
        <translation>（概率 {percent}）</translation>
    </message>
    <message>
        <source>; by {source}</source>
        <translation>；判定依据：{source}</translation>
    </message>
    <message>
        <source>Referable DR</source>
        <translation>需转诊</translation>
    </message>
    <message>
        <source>DR signs present</source>
        <translation>存在糖尿病视网膜病变征象</translation>
    </message>
    <message>
        <source>{percent} (classifier)</source>
        <translation>{percent}（分类器）</translation>
    </message>
    <message>
        <source>Image quality</source>
        <translation>图像质量</translation>
    </message>
    <message>
        <source>{found}; not reliable: the reader recorded the photo ungradable</source>
        <translation>{found}；不可靠：阅片医师已记录该照片无法分级</translation>
    </message>
    <message>
        <source>Quadrants</source>
        <translation>象限</translation>
    </message>
    <message>
        <source>Class</source>
        <translation>类别</translation>
    </message>
    <message>
        <source>Count</source>
        <translation>数量</translation>
    </message>
    <message>
        <source>n</source>
        <translation>数量</translation>
    </message>
    <message>
        <source>Lesions</source>
        <translation>病灶</translation>
    </message>
    <message>
        <source>Lesions — {eye}</source>
        <translation>病灶 — {eye}</translation>
    </message>
    <message>
        <source>AI masks cut at probability: {thresholds}</source>
        <translation>AI 病灶分割阈值（概率）：{thresholds}</translation>
    </message>
    <message>
        <source>No ICDR grade: the ICDR lesion rules apply to fundus photographs; this OCT scan is graded by its OCT class.</source>
        <translation>无 ICDR 分级：ICDR 病灶规则适用于眼底照片；此 OCT 扫描按其 OCT 分类分级。</translation>
    </message>
    <message>
        <source>No ICDR grade — {eye}: the ICDR lesion rules apply to fundus photographs; this OCT scan is graded by its OCT class.</source>
        <translation>无 ICDR 分级 — {eye}：ICDR 病灶规则适用于眼底照片；此 OCT 扫描按其 OCT 分类分级。</translation>
    </message>
    <message>
        <source>{sentence} Not reliable: the reader recorded the photo ungradable.</source>
        <translation>{sentence}不可靠：阅片医师已记录该照片无法分级。</translation>
    </message>
    <message>
        <source>{sentence} Not reliable: the photo is not gradable.</source>
        <translation>{sentence}不可靠：该照片无法分级。</translation>
    </message>
    <message>
        <source>Graded by</source>
        <translation>分级方式</translation>
    </message>
    <message>
        <source>Reader&apos;s DR grade</source>
        <translation>阅片医师 DR 分级</translation>
    </message>
    <message>
        <source>agrees</source>
        <translation>一致</translation>
    </message>
    <message>
        <source>differs (AI: {grade})</source>
        <translation>不一致（AI：{grade}）</translation>
    </message>
    <message>
        <source>Compared with AI</source>
        <translation>与 AI 比较</translation>
    </message>
    <message>
        <source>DME risk</source>
        <translation>黄斑水肿风险</translation>
    </message>
    <message>
        <source>Referable</source>
        <translation>需转诊</translation>
    </message>
    <message>
        <source>{reader}&apos;s own reading in double reading: not the consensus</source>
        <translation>{reader} 本人的阅片结果（双人阅片）：并非共识结果</translation>
    </message>
    <message>
        <source>double reading, not settled: this grade is not the consensus</source>
        <translation>双人阅片，尚未定论：此分级并非共识结果</translation>
    </message>
    <message>
        <source>DME risk not recorded</source>
        <translation>黄斑水肿风险未记录</translation>
    </message>
    <message>
        <source>DME risk {risk}</source>
        <translation>黄斑水肿风险 {risk}</translation>
    </message>
    <message>
        <source>{grade}, {risk}</source>
        <translation>{grade}，{risk}</translation>
    </message>
    <message>
        <source>{reader}: {grade}</source>
        <translation>{reader}：{grade}</translation>
    </message>
    <message>
        <source>double reading; arbitrated by {arbiter} (readers: {readings})</source>
        <translation>双人阅片；由 {arbiter} 仲裁（阅片医师：{readings}）</translation>
    </message>
    <message>
        <source>; a reader has revised their reading since</source>
        <translation>；此后有阅片医师修改了其阅片结果</translation>
    </message>
    <message>
        <source>double reading; the readers agreed ({readings})</source>
        <translation>双人阅片；阅片医师意见一致（{readings}）</translation>
    </message>
    <message>
        <source>; corrected by {names}</source>
        <translation>；由 {names} 修正</translation>
    </message>
    <message>
        <source>Reader&apos;s assessment — {eye}</source>
        <translation>阅片医师评估 — {eye}</translation>
    </message>
    <message>
        <source>Reader&apos;s OCT class</source>
        <translation>阅片医师 OCT 分类</translation>
    </message>
    <message>
        <source>{eye}: {findings}</source>
        <translation>{eye}：{findings}</translation>
    </message>
    <message>
        <source>Findings</source>
        <translation>所见</translation>
    </message>
    <message>
        <source>Reader&apos;s assessment</source>
        <translation>阅片医师评估</translation>
    </message>
    <message>
        <source>Area</source>
        <translation>面积</translation>
    </message>
    <message>
        <source>No AI findings; only the lesions the reader marked are counted.</source>
        <translation>无 AI 所见；仅统计阅片医师标注的病灶。</translation>
    </message>
    <message>
        <source>AI, by the ICDR rules: {sentence}</source>
        <translation>AI 按 ICDR 规则：{sentence}</translation>
    </message>
    <message>
        <source>AI, by the ICDR rules — {eye}: {sentence}</source>
        <translation>AI 按 ICDR 规则 — {eye}：{sentence}</translation>
    </message>
    <message>
        <source>Reader: {name}</source>
        <translation>阅片医师：{name}</translation>
    </message>
    <message>
        <source>Signature: {line}</source>
        <translation>签名：{line}</translation>
    </message>
    <message>
        <source>Date: {date}</source>
        <translation>日期：{date}</translation>
    </message>
    <message>
        <source>Retinal examination report</source>
        <translation>视网膜检查报告</translation>
    </message>
</context>
<context>
    <name>ReportAction</name>
    <message>
        <source>Fonts — {fonts}</source>
        <translation>字体 — {fonts}</translation>
    </message>
</context>
<context>
    <name>ReportCommand</name>
    <message>
        <source>warning: {warning}</source>
        <translation>警告：{warning}</translation>
    </message>
    <message>
        <source>{text} is not an age: give whole years, 0-{max_age}</source>
        <translation>{text} 不是年龄：请给出整岁数，0-{max_age}</translation>
    </message>
    <message>
        <source>{text} is not a date: write it YYYY-MM-DD, e.g. 2026-11-30</source>
        <translation>{text} 不是日期：请按“年-月-日”填写，例如 2026-11-30</translation>
    </message>
    <message>
        <source>give --out FILE.pdf, --dicom FILE.dcm or both</source>
        <translation>请给出 --out FILE.pdf、--dicom FILE.dcm 或两者</translation>
    </message>
    <message>
        <source>a report covers one patient: give one image, or two (both eyes)</source>
        <translation>一份报告只针对一位患者：请给出一张图像，或两张（双眼）</translation>
    </message>
    <message>
        <source>give --eye once per input ({count}), in the same order</source>
        <translation>请为每个输入各给出一次 --eye（共 {count} 个），顺序相同</translation>
    </message>
    <message>
        <source>the images record different patient details ({differences}): the report prints the first image&apos;s; check them, or give them (--patient-name, --birth-date, --sex)</source>
        <translation>这些图像记录的患者信息不同（{differences}）：报告打印第一张图像的信息；请核对，或直接给出（--patient-name、--birth-date、--sex）</translation>
    </message>
    <message>
        <source>--out {out}: a report is a PDF: name it .pdf</source>
        <translation>--out {out}：报告是 PDF 文件：请以 .pdf 命名</translation>
    </message>
    <message>
        <source>cannot write {target} ({reason}); choose another file</source>
        <translation>无法写入 {target}（{reason}）；请选择其他文件</translation>
    </message>
    <message>
        <source>report for {eyes} written to {target}</source>
        <translation>{eyes}的报告已写入 {target}</translation>
    </message>
    <message>
        <source>{first} and {second}</source>
        <translation>{first}和{second}</translation>
    </message>
    <message>
        <source>the patient ID {patient_id} is not the one in the images&apos; DICOM header ({header_ids}): {dicom} is filed as a study of its own, not with the images (an archive refuses a study of two patients)</source>
        <translation>患者编号 {patient_id} 与图像 DICOM 头中的不同（{header_ids}）：{dicom} 将作为独立的检查归档，而不与图像归在一起（影像归档系统会拒收含两位患者的检查）</translation>
    </message>
    <message>
        <source>{case}: {check}</source>
        <translation>{case}：{check}</translation>
    </message>
    <message>
        <source>{case}: no eye is recorded for it, and the report prints it as not recorded; give --eye OD or OS, once per input</source>
        <translation>{case}：未记录眼别，报告中印为眼别未记录；请为每个输入各给出一次 --eye OD 或 OS</translation>
    </message>
    <message>
        <source>{case}: no eye is recorded for it, and the report prints it as not recorded; where the AI found the optic disc suggests {suggested}; give --eye OD or OS, once per input</source>
        <translation>{case}：未记录眼别，报告中印为眼别未记录；AI 找到的视盘位置提示为{suggested}；请为每个输入各给出一次 --eye OD 或 OS</translation>
    </message>
    <message>
        <source>{case}: the grade printed is not the consensus of the double reading (to arbitrate, with its readers, or agreed but not stored as the consensus yet)</source>
        <translation>{case}：打印的分级不是双人阅片的共识结果（待仲裁、尚在阅片中，或已一致但尚未存为共识）</translation>
    </message>
    <message>
        <source>fonts: {fonts}</source>
        <translation>字体 — {fonts}</translation>
    </message>
    <message>
        <source>--settings {path}: not a file; give the settings file the window wrote (open --settings), or leave it out for the user&apos;s own</source>
        <translation>--settings {path}：不是文件；请给出程序窗口写入的设置文件（open --settings），或省略此选项以使用用户自己的设置</translation>
    </message>
    <message>
        <source>the Settings&apos; {what} {path} is not there; the report is made without it</source>
        <translation>设置中的{what} {path} 不存在；报告将不含它</translation>
    </message>
    <message>
        <source>clinic logo</source>
        <translation>诊所标志</translation>
    </message>
    <message>
        <source>Chinese font</source>
        <translation>中文字体</translation>
    </message>
</context>
<context>
    <name>ReportController</name>
    <message>
        <source>Open a case first: the report is made from the case shown.</source>
        <translation>请先打开一个病例：报告根据当前显示的病例生成。</translation>
    </message>
    <message>
        <source>Reading {case} for the report…</source>
        <translation>正在读取 {case}，用于生成报告…</translation>
    </message>
    <message>
        <source>Report saved: {path}</source>
        <translation>报告已保存：{path}</translation>
    </message>
    <message>
        <source>Different patients</source>
        <translation>不同患者</translation>
    </message>
    <message>
        <source>{case} is patient {patient_id}, {other} is patient {other_id}: a report covers one patient.

Report {case} alone?</source>
        <translation>{case} 的患者编号为 {patient_id}，{other} 的患者编号为 {other_id}：一份报告只涵盖一位患者。

仅为 {case} 出具报告？</translation>
    </message>
    <message>
        <source>Report both eyes?</source>
        <translation>双眼合并报告？</translation>
    </message>
    <message>
        <source>{case} has the same patient ID ({patient_id}).

Put both eyes in one report?</source>
        <translation>{case} 的患者编号相同（{patient_id}）。

是否将双眼放在同一份报告中？</translation>
    </message>
</context>
<context>
    <name>ReportDates</name>
    <message>
        <source>{day} {month} {year}</source>
        <translation>{year}年{month}月{day}日</translation>
    </message>
    <message>
        <source>Jan</source>
        <translation>1</translation>
    </message>
    <message>
        <source>Feb</source>
        <translation>2</translation>
    </message>
    <message>
        <source>Mar</source>
        <translation>3</translation>
    </message>
    <message>
        <source>Apr</source>
        <translation>4</translation>
    </message>
    <message>
        <source>May</source>
        <translation>5</translation>
    </message>
    <message>
        <source>Jun</source>
        <translation>6</translation>
    </message>
    <message>
        <source>Jul</source>
        <translation>7</translation>
    </message>
    <message>
        <source>Aug</source>
        <translation>8</translation>
    </message>
    <message>
        <source>Sep</source>
        <translation>9</translation>
    </message>
    <message>
        <source>Oct</source>
        <translation>10</translation>
    </message>
    <message>
        <source>Nov</source>
        <translation>11</translation>
    </message>
    <message>
        <source>Dec</source>
        <translation>12</translation>
    </message>
</context>
<context>
    <name>ReportDialog</name>
    <message>
        <source>not recorded</source>
        <translation>未记录</translation>
    </message>
    <message>
        <source>Report</source>
        <translation>报告</translation>
    </message>
    <message>
        <source>YYYY-MM-DD</source>
        <translation>年-月-日</translation>
    </message>
    <message>
        <source>Patient</source>
        <translation>患者</translation>
    </message>
    <message>
        <source>&amp;Name</source>
        <translation>姓名(&amp;N)</translation>
    </message>
    <message>
        <source>Patient &amp;ID</source>
        <translation>患者编号(&amp;I)</translation>
    </message>
    <message>
        <source>A&amp;ge</source>
        <translation>年龄(&amp;G)</translation>
    </message>
    <message>
        <source>&amp;Birth date</source>
        <translation>出生日期(&amp;B)</translation>
    </message>
    <message>
        <source>Se&amp;x</source>
        <translation>性别(&amp;X)</translation>
    </message>
    <message>
        <source>Exa&amp;m date</source>
        <translation>检查日期(&amp;M)</translation>
    </message>
    <message>
        <source>Eye of {case}</source>
        <translation>{case} 的眼别</translation>
    </message>
    <message>
        <source>The language the report is printed in, whatever the program&apos;s</source>
        <translation>报告打印所用的语言，与程序界面语言无关</translation>
    </message>
    <message>
        <source>Diagnosis, in any language</source>
        <translation>诊断（任何语言均可）</translation>
    </message>
    <message>
        <source>&amp;Reader</source>
        <translation>阅片医师(&amp;R)</translation>
    </message>
    <message>
        <source>&amp;Template</source>
        <translation>模板(&amp;T)</translation>
    </message>
    <message>
        <source>P&amp;aper</source>
        <translation>纸张(&amp;A)</translation>
    </message>
    <message>
        <source>Report &amp;language</source>
        <translation>报告语言(&amp;L)</translation>
    </message>
    <message>
        <source>&amp;Diagnosis</source>
        <translation>诊断(&amp;D)</translation>
    </message>
    <message>
        <source>R&amp;ecommendation</source>
        <translation>建议(&amp;E)</translation>
    </message>
    <message>
        <source>&amp;Update preview</source>
        <translation>更新预览(&amp;U)</translation>
    </message>
    <message>
        <source>&amp;Save PDF…</source>
        <translation>保存 PDF…(&amp;S)</translation>
    </message>
    <message>
        <source>Save DIC&amp;OM…</source>
        <translation>保存 DICOM…(&amp;O)</translation>
    </message>
    <message>
        <source>The same PDF as a DICOM Encapsulated PDF object, in the images&apos; study</source>
        <translation>同一份 PDF，作为 DICOM 封装 PDF 对象，归入图像所属的检查</translation>
    </message>
    <message>
        <source>&amp;Print…</source>
        <translation>打印…(&amp;P)</translation>
    </message>
    <message>
        <source>Reading the cases…</source>
        <translation>正在读取病例…</translation>
    </message>
    <message>
        <source>AI&apos;s guess: {eye}</source>
        <translation>AI 推测：{eye}</translation>
    </message>
    <message>
        <source>Suggested: {text}</source>
        <translation>自动建议：{text}</translation>
    </message>
    <message>
        <source>Follow-up; empty: suggested from the grades</source>
        <translation>随访建议；留空则根据分级给出</translation>
    </message>
    <message>
        <source>Preparing the preview…</source>
        <translation>正在生成预览…</translation>
    </message>
    <message>
        <source>The report cannot be made: {error}</source>
        <translation>无法生成报告：{error}</translation>
    </message>
    <message>
        <source>Printing…</source>
        <translation>正在打印…</translation>
    </message>
    <message>
        <source>Preparing the report…</source>
        <translation>正在生成报告…</translation>
    </message>
    <message>
        <source>Make the report anyway?</source>
        <translation>仍要生成报告吗？</translation>
    </message>
    <message>
        <source>Report not finished</source>
        <translation>报告尚未完成</translation>
    </message>
    <message>
        <source>PDF (*.pdf)</source>
        <translation>PDF 文件 (*.pdf)</translation>
    </message>
    <message>
        <source>DICOM (*.dcm)</source>
        <translation>DICOM 文件 (*.dcm)</translation>
    </message>
    <message>
        <source>Save report</source>
        <translation>保存报告</translation>
    </message>
    <message>
        <source>Cannot write {path} ({reason}). Choose another folder or free some disk space.</source>
        <translation>无法写入 {path}（{reason}）。请选择其他文件夹，或释放磁盘空间。</translation>
    </message>
    <message>
        <source>{path} already exists: an earlier report. Replace it?</source>
        <translation>{path} 已存在，是先前的报告。要替换它吗？</translation>
    </message>
    <message>
        <source>Print report</source>
        <translation>打印报告</translation>
    </message>
</context>
<context>
    <name>ReportFonts</name>
    <message>
        <source>Latin: {latin} (shipped); CJK: {cjk} (shipped); all fonts are embedded in the PDF</source>
        <translation>拉丁字体：{latin}（随程序提供）；中日韩字体：{cjk}（随程序提供）；所有字体均嵌入 PDF</translation>
    </message>
    <message>
        <source>Latin: {latin} (shipped); CJK: {cjk} (system, {path}); all fonts are embedded in the PDF</source>
        <translation>拉丁字体：{latin}（随程序提供）；中日韩字体：{cjk}（系统字体，{path}）；所有字体均嵌入 PDF</translation>
    </message>
</context>
<context>
    <name>ReportPanels</name>
    <message>
        <source>Original</source>
        <translation>原图</translation>
    </message>
    <message>
        <source>AI lesion overlay</source>
        <translation>AI 病灶叠加图</translation>
    </message>
    <message>
        <source>Reader-corrected overlay</source>
        <translation>阅片医师修正叠加图</translation>
    </message>
    <message>
        <source>Grad-CAM</source>
        <translation>Grad-CAM 热图</translation>
    </message>
    <message>
        <source>Reader&apos;s overlay</source>
        <translation>阅片医师叠加图</translation>
    </message>
    <message>
        <source>the AI&apos;s masks, unchanged</source>
        <translation>AI 病灶分割，未修改</translation>
    </message>
    <message>
        <source>Arbitrated consensus overlay</source>
        <translation>仲裁后的共识结果叠加图</translation>
    </message>
    <message>
        <source>Agreed consensus overlay</source>
        <translation>阅片医师一致的共识结果叠加图</translation>
    </message>
    <message>
        <source>no lesions drawn</source>
        <translation>未标注病灶</translation>
    </message>
    <message>
        <source>Image not available: {path}</source>
        <translation>图像不可用：{path}</translation>
    </message>
    <message>
        <source>no lesions drawn by the reader</source>
        <translation>阅片医师未标注病灶</translation>
    </message>
    <message>
        <source>No AI result for this case</source>
        <translation>本病例无 AI 结果</translation>
    </message>
    <message>
        <source>The AI result has no lesion mask</source>
        <translation>AI 结果不含病灶分割图</translation>
    </message>
    <message>
        <source>The AI result has no Grad-CAM map</source>
        <translation>AI 结果不含 Grad-CAM 热图</translation>
    </message>
</context>
<context>
    <name>ReportProblems</name>
    <message>
        <source>font file {path} is missing; reinstall RetinaReview or choose another font in the report settings</source>
        <translation>字体文件 {path} 不存在；请重新安装 RetinaReview，或在设置的“报告”中选择其他字体</translation>
    </message>
    <message>
        <source>font file {path} cannot be embedded ({error}); choose a TrueType (.ttf/.ttc) font with TrueType outlines in the report settings</source>
        <translation>字体文件 {path} 无法嵌入（{error}）；请在设置的“报告”中选择带 TrueType 轮廓的 TrueType（.ttf/.ttc）字体</translation>
    </message>
    <message>
        <source>font file {path} has no Chinese characters; choose a CJK font in the report settings</source>
        <translation>字体文件 {path} 不含中文字符；请在设置的“报告”中选择中日韩字体</translation>
    </message>
    <message>
        <source>clinic logo {path} cannot be read ({reason}); choose a PNG or JPEG file (the report settings in the window, --logo on the command line), or clear the logo</source>
        <translation>机构标志 {path} 无法读取（{reason}）；请选择 PNG 或 JPEG 文件（窗口中在设置的“报告”里，命令行用 --logo），或清除标志</translation>
    </message>
    <message>
        <source>not an image file this program reads</source>
        <translation>不是本程序能读取的图像文件</translation>
    </message>
    <message>
        <source>translation file {path} is missing or unreadable; reinstall RetinaReview or print the report in English</source>
        <translation>翻译文件 {path} 不存在或无法读取；请重新安装 RetinaReview，或用英文打印报告</translation>
    </message>
    <message>
        <source>unknown report language {language}; expected one of {known}</source>
        <translation>未知的报告语言 {language}；应为 {known} 之一</translation>
    </message>
</context>
<context>
    <name>ReportSources</name>
    <message>
        <source>{item}: no such case: {folder} was never opened in RetinaReview (it has no {sidecar} folder); give the image file</source>
        <translation>{item}：没有该病例：{folder} 从未在 RetinaReview 中打开过（其中没有 {sidecar} 文件夹）；请给出图像文件</translation>
    </message>
    <message>
        <source>{item}: no such image file (give --workspace FOLDER to name a case id)</source>
        <translation>{item}：没有该图像文件（若要按病例编号指定，请给出 --workspace FOLDER）</translation>
    </message>
    <message>
        <source>{item}: no case of {folder} has this id or image path; give an image&apos;s path in the folder (e.g. {example})</source>
        <translation>{item}：{folder} 中没有该编号或图像路径的病例；请给出图像在该文件夹中的路径（例如 {example}）</translation>
    </message>
    <message>
        <source>{item}: {folder} lists no case; give an image file</source>
        <translation>{item}：{folder} 中没有病例；请给出图像文件</translation>
    </message>
    <message>
        <source>the images belong to different patients ({patients}); a report covers one patient (give --patient-id to report them together anyway)</source>
        <translation>这些图像属于不同患者（{patients}）；一份报告只针对一位患者（如仍要合并报告，请给出 --patient-id）</translation>
    </message>
</context>
<context>
    <name>ReportTemplates</name>
    <message>
        <source>Clinical: original, AI overlay, reader overlay and Grad-CAM, lesion table with quadrants</source>
        <translation>临床版：原图、AI 叠加图、阅片医师叠加图及 Grad-CAM，含象限的病灶表</translation>
    </message>
    <message>
        <source>Summary: original and reader overlay, lesion counts, for the patient&apos;s file</source>
        <translation>摘要版：原图及阅片医师叠加图、病灶计数，供患者病历存档</translation>
    </message>
    <message>
        <source>Clinical: B-scan and its Grad-CAM, the AI&apos;s OCT class with its probabilities</source>
        <translation>临床版：B 扫描图像及其 Grad-CAM，AI 的 OCT 分类及各类概率</translation>
    </message>
    <message>
        <source>Summary: B-scan, the AI&apos;s OCT class with its probabilities, for the patient&apos;s file</source>
        <translation>摘要版：B 扫描图像，AI 的 OCT 分类及各类概率，供患者病历存档</translation>
    </message>
    <message>
        <source>Clinical: photo with AI overlay, reader overlay, Grad-CAM and lesion table with quadrants; B-scan with its Grad-CAM</source>
        <translation>临床版：眼底照片及 AI 叠加图、阅片医师叠加图、Grad-CAM 和含象限的病灶表；B 扫描图像及其 Grad-CAM</translation>
    </message>
    <message>
        <source>Summary: photo with reader overlay and lesion counts; B-scan; for the patient&apos;s file</source>
        <translation>摘要版：眼底照片及阅片医师叠加图、病灶计数；B 扫描图像；供患者病历存档</translation>
    </message>
    <message>
        <source>Clinical: B-scan with AI overlay, reader overlay and Grad-CAM, lesion table with quadrants, the AI&apos;s OCT class with its probabilities</source>
        <translation>临床版：B 扫描图像及 AI 叠加图、阅片医师叠加图和 Grad-CAM，含象限的病灶表，AI 的 OCT 分类及各类概率</translation>
    </message>
    <message>
        <source>Summary: B-scan with reader overlay and lesion counts, the AI&apos;s OCT class with its probabilities, for the patient&apos;s file</source>
        <translation>摘要版：B 扫描图像及阅片医师叠加图、病灶计数，AI 的 OCT 分类及各类概率，供患者病历存档</translation>
    </message>
    <message>
        <source>Clinical: photo and B-scan, each with AI overlay, reader overlay, Grad-CAM and lesion table with quadrants; the B-scan&apos;s OCT class</source>
        <translation>临床版：眼底照片和 B 扫描图像，各附 AI 叠加图、阅片医师叠加图、Grad-CAM 和含象限的病灶表；B 扫描图像的 OCT 分类</translation>
    </message>
    <message>
        <source>Summary: photo and B-scan, each with reader overlay and lesion counts; for the patient&apos;s file</source>
        <translation>摘要版：眼底照片和 B 扫描图像，各附阅片医师叠加图和病灶计数；供患者病历存档</translation>
    </message>
</context>
<context>
    <name>ReportWarnings</name>
    <message>
        <source>The birth date {birth} is after the exam date {exam}: check both</source>
        <translation>出生日期 {birth} 晚于检查日期 {exam}：请核对这两个日期</translation>
    </message>
    <message>
        <source>The birth date {birth} is in the future: check it</source>
        <translation>出生日期 {birth} 在今天之后：请核对</translation>
    </message>
    <message>
        <source>The birth date {birth} is more than {years} years before the exam date {exam}: check both</source>
        <translation>出生日期 {birth} 比检查日期 {exam} 早 {years} 年以上：请核对这两个日期</translation>
    </message>
    <message>
        <source>The birth date {birth} is more than {years} years ago: check it</source>
        <translation>出生日期 {birth} 距今已超过 {years} 年：请核对</translation>
    </message>
    <message>
        <source>The exam date {exam} is in the future: check it</source>
        <translation>检查日期 {exam} 在今天之后：请核对</translation>
    </message>
    <message>
        <source>The exam date {exam} is before {year}: check its year</source>
        <translation>检查日期 {exam} 早于 {year} 年：请核对年份</translation>
    </message>
    <message>
        <source>name</source>
        <translation>姓名</translation>
    </message>
    <message>
        <source>birth date</source>
        <translation>出生日期</translation>
    </message>
    <message>
        <source>sex</source>
        <translation>性别</translation>
    </message>
    <message>
        <source>{field} {first} vs {other}</source>
        <translation>{field}：{first} 与 {other}</translation>
    </message>
    <message>
        <source>exam date</source>
        <translation>检查日期</translation>
    </message>
    <message>
        <source>The {field} &quot;{date}&quot; is not a date this program can read: the report prints it as written, with no age from it; write it YYYY-MM-DD</source>
        <translation>{field}“{date}”不是本程序能识别的日期：报告将按原样打印，且无法据此计算年龄；请写成 YYYY-MM-DD</translation>
    </message>
    <message>
        <source>{eye} is recorded, but the image&apos;s DICOM header records {header}: check which eye this image is</source>
        <translation>记录为{eye}，但图像的 DICOM 头信息记录为{header}，请确认这张图像是哪只眼</translation>
    </message>
    <message>
        <source>{eye} is recorded, but where the AI found the optic disc suggests {suggested}: check which eye this image is</source>
        <translation>记录为{eye}，但 AI 找到的视盘位置提示为{suggested}，请确认这张图像是哪只眼</translation>
    </message>
    <message>
        <source>{case}: the grade printed is not the consensus of the double reading (a reader&apos;s own, or the readers have not settled it); the arbiter&apos;s window reports the consensus</source>
        <translation>{case}：打印的分级并非双人阅片的共识结果（是某位阅片医师自己的阅片，或阅片医师尚未定论）；共识结果请在仲裁者窗口中出具报告</translation>
    </message>
    <message>
        <source>{case} has no reader OCT class and no AI result (the report shows none)</source>
        <translation>{case} 尚无阅片医师 OCT 分类，也没有 AI 结果（报告中没有分类）</translation>
    </message>
    <message>
        <source>{case} has no reader grade and no AI result (the report shows no grade)</source>
        <translation>{case} 尚无阅片医师分级，也没有 AI 结果（报告中没有分级）</translation>
    </message>
    <message>
        <source>{case} has no reader OCT class (the report shows only the AI&apos;s)</source>
        <translation>{case} 尚无阅片医师 OCT 分类（报告中只有 AI 的分类）</translation>
    </message>
    <message>
        <source>{case} has no reader grade (the report shows only the AI&apos;s)</source>
        <translation>{case} 尚无阅片医师分级（报告中只有 AI 的分级）</translation>
    </message>
    <message>
        <source>{case} is not marked done</source>
        <translation>{case} 尚未标记为已完成</translation>
    </message>
    <message>
        <source>{case}: the report prints edits recovered from autosave after a crash, which nobody has checked since; check them in the window first (the last seconds&apos; edits may be lost)</source>
        <translation>{case}：报告打印的是程序崩溃后从自动保存恢复的编辑，之后尚无人检查；请先在窗口中检查（崩溃前最后几秒的编辑可能丢失）</translation>
    </message>
    <message>
        <source>{case}: the eye is not recorded; {eye} is the AI&apos;s guess from where it found the optic disc, check it</source>
        <translation>{case}：未记录眼别；{eye}是 AI 根据视盘位置的推测，请核对</translation>
    </message>
    <message>
        <source>{case}: {check}</source>
        <translation>{case}：{check}</translation>
    </message>
    <message>
        <source>The cases record different patient details ({differences}): the report prints those of {case}, check them</source>
        <translation>这些病例记录的患者信息不一致（{differences}）：报告打印的是 {case} 的信息，请核对</translation>
    </message>
    <message>
        <source>The patient ID is not the one in the images&apos; DICOM header ({header}): a DICOM report is filed as a study of its own, not with the images (an archive refuses a study of two patients)</source>
        <translation>患者编号与图像 DICOM 头中记录的不同（{header}）：DICOM 报告将单独归为一个检查，不与图像同在一个检查中（影像归档系统不接受同一检查含两位患者）</translation>
    </message>
    <message>
        <source>{case}: B-scan(s) {numbers} of the same volume record {oct_class}, more severe than the class this report prints; it shows this B-scan alone</source>
        <translation>{case}：同一容积的 B 扫描 {numbers} 记录为 {oct_class}，比本报告所印的类别更严重；本报告仅显示此 B 扫描</translation>
    </message>
</context>
</TS>
