<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>Recommendation</name>
    <message>
        <location filename="../../app/report/recommendation.py" line="48"/>
        <source>Refer urgently to an ophthalmologist ({reason}).</source>
        <translation>建议尽快转诊眼科（{reason}）。</translation>
    </message>
    <message>
        <location filename="../../app/report/recommendation.py" line="51"/>
        <source>possible macular oedema</source>
        <translation>可疑黄斑水肿</translation>
    </message>
    <message>
        <location filename="../../app/report/recommendation.py" line="53"/>
        <source>Refer to an ophthalmologist ({reason}).</source>
        <translation>建议转诊眼科（{reason}）。</translation>
    </message>
    <message>
        <location filename="../../app/report/recommendation.py" line="55"/>
        <source>Image not gradable: repeat the photograph or examine in clinic.</source>
        <translation>图像无法分级：请重新拍摄眼底照片，或到眼科门诊检查。</translation>
    </message>
    <message>
        <location filename="../../app/report/recommendation.py" line="57"/>
        <source>Re-screen in 6 to 12 months.</source>
        <translation>建议 6～12 个月后复查。</translation>
    </message>
    <message>
        <location filename="../../app/report/recommendation.py" line="59"/>
        <source>Re-screen in 12 months.</source>
        <translation>建议 12 个月后复查。</translation>
    </message>
    <message>
        <location filename="../../app/report/recommendation.py" line="60"/>
        <source>No grade recorded: a qualified reader must grade the images before follow-up is decided.</source>
        <translation>尚未记录分级：须由具备资质的阅片医师完成分级后，再决定随访方案。</translation>
    </message>
</context>
<context>
    <name>Report</name>
    <message>
        <location filename="../../app/report/builder.py" line="32"/>
        <source>The AI output is an aid to a qualified reader, not a diagnosis. The grade and recommendation are valid only when confirmed and signed by the reader.</source>
        <translation>AI 结果仅供具备资质的阅片医师参考，不能作为诊断。分级与建议须经阅片医师确认并签字后方为有效。</translation>
    </message>
    <message>
        <location filename="../../app/report/builder.py" line="50"/>
        <source>none (no AI result in this report)</source>
        <translation>无（本报告不含 AI 结果）</translation>
    </message>
    <message>
        <location filename="../../app/report/builder.py" line="62"/>
        <source>Retinal screening</source>
        <translation>视网膜筛查</translation>
    </message>
    <message>
        <location filename="../../app/report/builder.py" line="69"/>
        <source>RetinaReview {version} · report of {date}</source>
        <translation>RetinaReview {version} · 报告日期 {date}</translation>
    </message>
    <message>
        <location filename="../../app/report/builder.py" line="71"/>
        <source>Models: </source>
        <translation>模型：</translation>
    </message>
    <message>
        <location filename="../../app/report/builder.py" line="152"/>
        <source>Images — {eye}</source>
        <translation>图像 — {eye}</translation>
    </message>
    <message>
        <location filename="../../app/report/builder.py" line="171"/>
        <source>Diabetic retinopathy screening report — both eyes</source>
        <translation>糖尿病视网膜病变筛查报告（双眼）</translation>
    </message>
    <message>
        <location filename="../../app/report/builder.py" line="172"/>
        <source>Diabetic retinopathy screening report</source>
        <translation>糖尿病视网膜病变筛查报告</translation>
    </message>
    <message>
        <location filename="../../app/report/builder.py" line="192"/>
        <source>Diagnosis</source>
        <translation>诊断</translation>
    </message>
    <message>
        <location filename="../../app/report/builder.py" line="193"/>
        <source>(no diagnosis text entered)</source>
        <translation>（未填写诊断）</translation>
    </message>
    <message>
        <location filename="../../app/report/builder.py" line="194"/>
        <source>Recommendation</source>
        <translation>建议</translation>
    </message>
    <message>
        <location filename="../../app/report/builder.py" line="227"/>
        <source>Page {page} of {pages}</source>
        <translation>第 {page} 页，共 {pages} 页</translation>
    </message>
    <message>
        <location filename="../../app/report/layout.py" line="69"/>
        <source>OD (right eye)</source>
        <translation>OD（右眼）</translation>
    </message>
    <message>
        <location filename="../../app/report/layout.py" line="69"/>
        <source>OS (left eye)</source>
        <translation>OS（左眼）</translation>
    </message>
    <message>
        <location filename="../../app/report/layout.py" line="70"/>
        <source>eye not recorded</source>
        <translation>眼别未记录</translation>
    </message>
    <message>
        <location filename="../../app/report/layout.py" line="100"/>
        <source>female</source>
        <translation>女</translation>
    </message>
    <message>
        <location filename="../../app/report/layout.py" line="100"/>
        <source>male</source>
        <translation>男</translation>
    </message>
    <message>
        <location filename="../../app/report/layout.py" line="100"/>
        <source>other</source>
        <translation>其他</translation>
    </message>
    <message>
        <location filename="../../app/report/layout.py" line="102"/>
        <source>Patient</source>
        <translation>患者</translation>
    </message>
    <message>
        <location filename="../../app/report/layout.py" line="102"/>
        <source>Patient ID</source>
        <translation>患者编号</translation>
    </message>
    <message>
        <location filename="../../app/report/layout.py" line="103"/>
        <source>Age</source>
        <translation>年龄</translation>
    </message>
    <message>
        <location filename="../../app/report/layout.py" line="103"/>
        <source>Sex</source>
        <translation>性别</translation>
    </message>
    <message>
        <location filename="../../app/report/layout.py" line="104"/>
        <source>Eye</source>
        <translation>眼别</translation>
    </message>
    <message>
        <location filename="../../app/report/layout.py" line="104"/>
        <source> and </source>
        <translation>、</translation>
    </message>
    <message>
        <location filename="../../app/report/layout.py" line="105"/>
        <source>Exam date</source>
        <translation>检查日期</translation>
    </message>
    <message>
        <location filename="../../app/report/layout.py" line="105"/>
        <source>Reader</source>
        <translation>阅片医师</translation>
    </message>
    <message>
        <location filename="../../app/report/layout.py" line="106"/>
        <source>Report date</source>
        <translation>报告日期</translation>
    </message>
    <message>
        <location filename="../../app/report/layout.py" line="126"/>
        <source>{title} ({note})</source>
        <translation>{title}（{note}）</translation>
    </message>
    <message>
        <location filename="../../app/report/layout.py" line="160"/>
        <source>AI result</source>
        <translation>AI 结果</translation>
    </message>
    <message>
        <location filename="../../app/report/layout.py" line="163"/>
        <source>No AI result: the analysis has not been run for this case. This report rests on the reader&apos;s assessment alone.</source>
        <translation>无 AI 结果：本病例尚未进行分析，本报告仅依据阅片医师的评估。</translation>
    </message>
    <message>
        <location filename="../../app/report/layout.py" line="168"/>
        <location filename="../../app/report/layout.py" line="260"/>
        <source>OCT class</source>
        <translation>OCT 分类</translation>
    </message>
    <message>
        <location filename="../../app/report/layout.py" line="169"/>
        <location filename="../../app/report/layout.py" line="178"/>
        <source>Probabilities</source>
        <translation>概率</translation>
    </message>
    <message>
        <location filename="../../app/report/layout.py" line="172"/>
        <source>from the grading model</source>
        <translation>来自分级模型</translation>
    </message>
    <message>
        <location filename="../../app/report/layout.py" line="173"/>
        <source>from the ICDR rules on the lesion findings</source>
        <translation>依据病变所见按 ICDR 规则判定</translation>
    </message>
    <message>
        <location filename="../../app/report/layout.py" line="175"/>
        <source>DR grade (ICDR)</source>
        <translation>DR 分级（ICDR）</translation>
    </message>
    <message>
        <location filename="../../app/report/layout.py" line="176"/>
        <source>, </source>
        <translation>，</translation>
    </message>
    <message>
        <location filename="../../app/report/layout.py" line="181"/>
        <source>not assessed</source>
        <translation>未评估</translation>
    </message>
    <message>
        <location filename="../../app/report/layout.py" line="183"/>
        <source> (probability {percent})</source>
        <translation>（概率 {percent}）</translation>
    </message>
    <message>
        <location filename="../../app/report/layout.py" line="186"/>
        <source>; by {source}</source>
        <translation>；判定依据：{source}</translation>
    </message>
    <message>
        <location filename="../../app/report/layout.py" line="188"/>
        <source>Referable DR</source>
        <translation>可转诊</translation>
    </message>
    <message>
        <location filename="../../app/report/layout.py" line="190"/>
        <source>DR signs present</source>
        <translation>糖尿病视网膜病变征象</translation>
    </message>
    <message>
        <location filename="../../app/report/layout.py" line="190"/>
        <source>{percent} (classifier)</source>
        <translation>{percent}（分类器）</translation>
    </message>
    <message>
        <location filename="../../app/report/layout.py" line="192"/>
        <source>Image quality</source>
        <translation>图像质量</translation>
    </message>
    <message>
        <location filename="../../app/report/layout.py" line="217"/>
        <source>Quadrants</source>
        <translation>象限</translation>
    </message>
    <message>
        <location filename="../../app/report/layout.py" line="218"/>
        <source>Class</source>
        <translation>类别</translation>
    </message>
    <message>
        <location filename="../../app/report/layout.py" line="218"/>
        <source>Count</source>
        <translation>数量</translation>
    </message>
    <message>
        <location filename="../../app/report/layout.py" line="219"/>
        <source>Area px</source>
        <translation>像素面积</translation>
    </message>
    <message>
        <location filename="../../app/report/layout.py" line="219"/>
        <source>Area mm²</source>
        <translation>面积 mm²</translation>
    </message>
    <message>
        <location filename="../../app/report/layout.py" line="220"/>
        <source>Reader px</source>
        <translation>阅片标注像素</translation>
    </message>
    <message>
        <location filename="../../app/report/layout.py" line="237"/>
        <source>Lesions</source>
        <translation>病变</translation>
    </message>
    <message>
        <location filename="../../app/report/layout.py" line="239"/>
        <source>No AI findings; only the reader-drawn areas are shown.</source>
        <translation>无 AI 所见；仅列出阅片医师标注的面积。</translation>
    </message>
    <message>
        <location filename="../../app/report/layout.py" line="243"/>
        <source>ICDR: {sentence}</source>
        <translation>ICDR：{sentence}</translation>
    </message>
    <message>
        <location filename="../../app/report/layout.py" line="250"/>
        <source>Reader&apos;s DR grade</source>
        <translation>阅片医师 DR 分级</translation>
    </message>
    <message>
        <location filename="../../app/report/layout.py" line="252"/>
        <source>agrees</source>
        <translation>一致</translation>
    </message>
    <message>
        <location filename="../../app/report/layout.py" line="253"/>
        <source>differs (AI: {grade})</source>
        <translation>不一致（AI：{grade}）</translation>
    </message>
    <message>
        <location filename="../../app/report/layout.py" line="254"/>
        <source>Compared with AI</source>
        <translation>与 AI 比较</translation>
    </message>
    <message>
        <location filename="../../app/report/layout.py" line="256"/>
        <source>DME risk</source>
        <translation>黄斑水肿风险</translation>
    </message>
    <message>
        <location filename="../../app/report/layout.py" line="258"/>
        <source>Referable</source>
        <translation>可转诊</translation>
    </message>
    <message>
        <location filename="../../app/report/layout.py" line="262"/>
        <source>Findings</source>
        <translation>所见</translation>
    </message>
    <message>
        <location filename="../../app/report/layout.py" line="267"/>
        <source>Reader&apos;s assessment</source>
        <translation>阅片医师评估</translation>
    </message>
    <message>
        <location filename="../../app/report/layout.py" line="273"/>
        <source>Reader: {name}</source>
        <translation>阅片医师：{name}</translation>
    </message>
    <message>
        <location filename="../../app/report/layout.py" line="274"/>
        <source>Signature: {line}</source>
        <translation>签名：{line}</translation>
    </message>
    <message>
        <location filename="../../app/report/layout.py" line="275"/>
        <source>Date: {date}</source>
        <translation>日期：{date}</translation>
    </message>
</context>
<context>
    <name>ReportAction</name>
    <message>
        <location filename="../../app/report_action.py" line="37"/>
        <location filename="../../app/report_action.py" line="40"/>
        <source>Fonts: {fonts}</source>
        <translation>字体：{fonts}</translation>
    </message>
</context>
<context>
    <name>ReportController</name>
    <message>
        <location filename="../../app/report_controller.py" line="106"/>
        <source>Open a case first: the report is made from the case shown.</source>
        <translation>请先打开一个病例：报告根据当前显示的病例生成。</translation>
    </message>
    <message>
        <location filename="../../app/report_controller.py" line="128"/>
        <source>Report saved: {path}</source>
        <translation>报告已保存：{path}</translation>
    </message>
    <message>
        <location filename="../../app/report_controller.py" line="139"/>
        <source>Report both eyes?</source>
        <translation>双眼合并报告？</translation>
    </message>
    <message>
        <location filename="../../app/report_controller.py" line="140"/>
        <source>{case} has the same patient ID ({patient_id}).

Put both eyes in one report?</source>
        <translation>{case} 的患者编号相同（{patient_id}）。

是否将双眼放在同一份报告中？</translation>
    </message>
</context>
<context>
    <name>ReportDialog</name>
    <message>
        <location filename="../../widgets/report_dialog.py" line="56"/>
        <source>not recorded</source>
        <translation>未记录</translation>
    </message>
    <message>
        <location filename="../../widgets/report_dialog.py" line="42"/>
        <location filename="../../widgets/report_dialog.py" line="81"/>
        <source>Report</source>
        <translation>报告</translation>
    </message>
    <message>
        <location filename="../../widgets/report_dialog.py" line="62"/>
        <source>Patient</source>
        <translation>患者</translation>
    </message>
    <message>
        <location filename="../../widgets/report_dialog.py" line="64"/>
        <source>Name</source>
        <translation>姓名</translation>
    </message>
    <message>
        <location filename="../../widgets/report_dialog.py" line="64"/>
        <source>Patient ID</source>
        <translation>患者编号</translation>
    </message>
    <message>
        <location filename="../../widgets/report_dialog.py" line="65"/>
        <source>Age</source>
        <translation>年龄</translation>
    </message>
    <message>
        <location filename="../../widgets/report_dialog.py" line="65"/>
        <source>Sex</source>
        <translation>性别</translation>
    </message>
    <message>
        <location filename="../../widgets/report_dialog.py" line="66"/>
        <source>Exam date</source>
        <translation>检查日期</translation>
    </message>
    <message>
        <location filename="../../widgets/report_dialog.py" line="69"/>
        <source>Eye of {case}</source>
        <translation>{case} 的眼别</translation>
    </message>
    <message>
        <location filename="../../widgets/report_dialog.py" line="75"/>
        <source>The language the report is printed in, whatever the program&apos;s</source>
        <translation>报告打印所用的语言，与程序界面语言无关</translation>
    </message>
    <message>
        <location filename="../../widgets/report_dialog.py" line="77"/>
        <source>Diagnosis, in any language</source>
        <translation>诊断（任何语言均可）</translation>
    </message>
    <message>
        <location filename="../../widgets/report_dialog.py" line="83"/>
        <source>Reader</source>
        <translation>阅片医师</translation>
    </message>
    <message>
        <location filename="../../widgets/report_dialog.py" line="83"/>
        <source>Template</source>
        <translation>模板</translation>
    </message>
    <message>
        <location filename="../../widgets/report_dialog.py" line="84"/>
        <source>Paper</source>
        <translation>纸张</translation>
    </message>
    <message>
        <location filename="../../widgets/report_dialog.py" line="84"/>
        <source>Report language</source>
        <translation>报告语言</translation>
    </message>
    <message>
        <location filename="../../widgets/report_dialog.py" line="85"/>
        <source>Diagnosis</source>
        <translation>诊断</translation>
    </message>
    <message>
        <location filename="../../widgets/report_dialog.py" line="86"/>
        <source>Recommendation</source>
        <translation>建议</translation>
    </message>
    <message>
        <location filename="../../widgets/report_dialog.py" line="95"/>
        <source>Update preview</source>
        <translation>更新预览</translation>
    </message>
    <message>
        <location filename="../../widgets/report_dialog.py" line="96"/>
        <source>Save PDF…</source>
        <translation>保存 PDF…</translation>
    </message>
    <message>
        <location filename="../../widgets/report_dialog.py" line="97"/>
        <source>Save DICOM…</source>
        <translation>保存 DICOM…</translation>
    </message>
    <message>
        <location filename="../../widgets/report_dialog.py" line="98"/>
        <source>The same PDF as a DICOM Encapsulated PDF object, in the images&apos; study</source>
        <translation>同一份 PDF，作为 DICOM 封装 PDF 对象，归入图像所属的检查</translation>
    </message>
    <message>
        <location filename="../../widgets/report_dialog.py" line="100"/>
        <source>Print…</source>
        <translation>打印…</translation>
    </message>
    <message>
        <location filename="../../widgets/report_dialog.py" line="151"/>
        <source>Suggested: {text}</source>
        <translation>自动建议：{text}</translation>
    </message>
    <message>
        <location filename="../../widgets/report_dialog.py" line="152"/>
        <source>Follow-up; empty: suggested from the grades</source>
        <translation>随访建议；留空则根据分级给出</translation>
    </message>
    <message>
        <location filename="../../widgets/report_dialog.py" line="171"/>
        <source>The report cannot be made: {error}</source>
        <translation>无法生成报告：{error}</translation>
    </message>
    <message>
        <location filename="../../widgets/report_dialog.py" line="184"/>
        <source>Make the report anyway?</source>
        <translation>仍要生成报告吗？</translation>
    </message>
    <message>
        <location filename="../../widgets/report_dialog.py" line="185"/>
        <source>Report not finished</source>
        <translation>报告尚未完成</translation>
    </message>
    <message>
        <location filename="../../widgets/report_dialog.py" line="198"/>
        <source>PDF (*.pdf)</source>
        <translation>PDF 文件 (*.pdf)</translation>
    </message>
    <message>
        <location filename="../../widgets/report_dialog.py" line="205"/>
        <source>DICOM (*.dcm)</source>
        <translation>DICOM 文件 (*.dcm)</translation>
    </message>
    <message>
        <location filename="../../widgets/report_dialog.py" line="210"/>
        <location filename="../../widgets/report_dialog.py" line="216"/>
        <location filename="../../widgets/report_dialog.py" line="219"/>
        <source>Save report</source>
        <translation>保存报告</translation>
    </message>
    <message>
        <location filename="../../widgets/report_dialog.py" line="220"/>
        <source>Cannot write {path} ({reason}). Choose another folder or free some disk space.</source>
        <translation>无法写入 {path}（{reason}）。请选择其他文件夹，或释放磁盘空间。</translation>
    </message>
    <message>
        <location filename="../../widgets/report_dialog.py" line="238"/>
        <source>Print report</source>
        <translation>打印报告</translation>
    </message>
</context>
<context>
    <name>ReportFonts</name>
    <message>
        <location filename="../../app/report/fonts.py" line="82"/>
        <source>Latin: {latin} (shipped); CJK: {cjk} (shipped, {path}); all fonts are embedded in the PDF</source>
        <translation>拉丁字体：{latin}（随程序提供）；中日韩字体：{cjk}（随程序提供，{path}）；所有字体均嵌入 PDF</translation>
    </message>
    <message>
        <location filename="../../app/report/fonts.py" line="84"/>
        <source>Latin: {latin} (shipped); CJK: {cjk} (system, {path}); all fonts are embedded in the PDF</source>
        <translation>拉丁字体：{latin}（随程序提供）；中日韩字体：{cjk}（系统字体，{path}）；所有字体均嵌入 PDF</translation>
    </message>
</context>
<context>
    <name>ReportPanels</name>
    <message>
        <location filename="../../app/report/panels.py" line="23"/>
        <source>Original</source>
        <translation>原图</translation>
    </message>
    <message>
        <location filename="../../app/report/panels.py" line="24"/>
        <source>AI lesion overlay</source>
        <translation>AI 病变叠加图</translation>
    </message>
    <message>
        <location filename="../../app/report/panels.py" line="25"/>
        <source>Reader-corrected overlay</source>
        <translation>阅片医师修正叠加图</translation>
    </message>
    <message>
        <location filename="../../app/report/panels.py" line="26"/>
        <source>Grad-CAM</source>
        <translation>Grad-CAM 热图</translation>
    </message>
    <message>
        <location filename="../../app/report/panels.py" line="28"/>
        <source>Image not available: {path}</source>
        <translation>图像不可用：{path}</translation>
    </message>
    <message>
        <location filename="../../app/report/panels.py" line="29"/>
        <source>no lesions drawn by the reader</source>
        <translation>阅片医师未标注病变</translation>
    </message>
    <message>
        <location filename="../../app/report/panels.py" line="30"/>
        <source>No AI result for this case</source>
        <translation>本病例无 AI 结果</translation>
    </message>
    <message>
        <location filename="../../app/report/panels.py" line="31"/>
        <source>The AI result has no lesion mask</source>
        <translation>AI 结果不含病变分割图</translation>
    </message>
    <message>
        <location filename="../../app/report/panels.py" line="32"/>
        <source>The AI result has no Grad-CAM map</source>
        <translation>AI 结果不含 Grad-CAM 热图</translation>
    </message>
</context>
<context>
    <name>ReportTemplates</name>
    <message>
        <location filename="../../app/report/model.py" line="14"/>
        <source>Clinical: original, AI overlay, reader overlay and Grad-CAM, lesion table with quadrants</source>
        <translation>临床版：原图、AI 叠加图、阅片医师叠加图及 Grad-CAM，含象限的病变表</translation>
    </message>
    <message>
        <location filename="../../app/report/model.py" line="16"/>
        <source>Summary: original and reader overlay, lesion counts, for the patient&apos;s file</source>
        <translation>摘要版：原图及阅片医师叠加图、病变计数，供患者病历存档</translation>
    </message>
</context>
<context>
    <name>ReportWarnings</name>
    <message>
        <location filename="../../annotations/patients.py" line="57"/>
        <source>{case} has no reader grade (the report shows only the AI&apos;s)</source>
        <translation>{case} 尚无阅片医师分级（报告中只有 AI 的分级）</translation>
    </message>
    <message>
        <location filename="../../annotations/patients.py" line="60"/>
        <source>{case} is not marked done</source>
        <translation>{case} 尚未标记为已完成</translation>
    </message>
</context>
</TS>
