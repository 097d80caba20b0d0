<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>ClinicalGrade</name>
    <message>
        <location filename="../../widgets/clinical_terms.py" line="50"/>
        <source>No DR</source>
        <translation>无明显糖尿病视网膜病变</translation>
    </message>
    <message>
        <location filename="../../widgets/clinical_terms.py" line="50"/>
        <source>Mild NPDR</source>
        <translation>轻度非增殖期</translation>
    </message>
    <message>
        <location filename="../../widgets/clinical_terms.py" line="51"/>
        <source>Moderate NPDR</source>
        <translation>中度非增殖期</translation>
    </message>
    <message>
        <location filename="../../widgets/clinical_terms.py" line="51"/>
        <source>Severe NPDR</source>
        <translation>重度非增殖期</translation>
    </message>
    <message>
        <location filename="../../widgets/clinical_terms.py" line="52"/>
        <source>PDR</source>
        <translation>增殖期</translation>
    </message>
</context>
<context>
    <name>ClinicalGradeFull</name>
    <message>
        <location filename="../../widgets/clinical_terms.py" line="60"/>
        <source>No DR</source>
        <translation>无明显糖尿病视网膜病变</translation>
    </message>
    <message>
        <location filename="../../widgets/clinical_terms.py" line="60"/>
        <source>Mild NPDR</source>
        <translation>轻度非增殖期糖尿病视网膜病变</translation>
    </message>
    <message>
        <location filename="../../widgets/clinical_terms.py" line="61"/>
        <source>Moderate NPDR</source>
        <translation>中度非增殖期糖尿病视网膜病变</translation>
    </message>
    <message>
        <location filename="../../widgets/clinical_terms.py" line="61"/>
        <source>Severe NPDR</source>
        <translation>重度非增殖期糖尿病视网膜病变</translation>
    </message>
    <message>
        <location filename="../../widgets/clinical_terms.py" line="62"/>
        <source>PDR</source>
        <translation>增殖期糖尿病视网膜病变</translation>
    </message>
</context>
<context>
    <name>ClinicalTerms</name>
    <message>
        <location filename="../../widgets/clinical_terms.py" line="35"/>
        <source>microaneurysm</source>
        <translation>微动脉瘤</translation>
    </message>
    <message>
        <location filename="../../widgets/clinical_terms.py" line="36"/>
        <source>haemorrhage</source>
        <translation>出血</translation>
    </message>
    <message>
        <location filename="../../widgets/clinical_terms.py" line="37"/>
        <source>hard exudate</source>
        <translation>硬性渗出</translation>
    </message>
    <message>
        <location filename="../../widgets/clinical_terms.py" line="38"/>
        <source>soft exudate</source>
        <translation>软性渗出（棉絮斑）</translation>
    </message>
    <message>
        <location filename="../../widgets/clinical_terms.py" line="39"/>
        <source>optic disc</source>
        <translation>视盘</translation>
    </message>
    <message>
        <location filename="../../widgets/clinical_terms.py" line="54"/>
        <source>not recorded</source>
        <translation>未记录</translation>
    </message>
    <message>
        <location filename="../../widgets/clinical_terms.py" line="67"/>
        <source>No DME risk</source>
        <translation>无糖尿病黄斑水肿风险</translation>
    </message>
    <message>
        <location filename="../../widgets/clinical_terms.py" line="67"/>
        <source>DME risk 1</source>
        <translation>糖尿病黄斑水肿风险 1 级</translation>
    </message>
    <message>
        <location filename="../../widgets/clinical_terms.py" line="68"/>
        <source>DME risk 2</source>
        <translation>糖尿病黄斑水肿风险 2 级</translation>
    </message>
    <message>
        <location filename="../../widgets/clinical_terms.py" line="76"/>
        <source>yes</source>
        <translation>是</translation>
    </message>
    <message>
        <location filename="../../widgets/clinical_terms.py" line="76"/>
        <source>no</source>
        <translation>否</translation>
    </message>
</context>
<context>
    <name>FindingsPanel</name>
    <message>
        <location filename="../../widgets/findings_panel.py" line="24"/>
        <source>To do</source>
        <translation>待阅片</translation>
    </message>
    <message>
        <location filename="../../widgets/findings_panel.py" line="25"/>
        <source>In progress</source>
        <translation>阅片中</translation>
    </message>
    <message>
        <location filename="../../widgets/findings_panel.py" line="26"/>
        <source>Done</source>
        <translation>已完成</translation>
    </message>
    <message>
        <location filename="../../widgets/findings_panel.py" line="37"/>
        <source>Referable: {answer}</source>
        <translation>可转诊：{answer}</translation>
    </message>
    <message>
        <location filename="../../widgets/findings_panel.py" line="42"/>
        <source>DR signs present: {percent}% (classifier)</source>
        <translation>存在糖尿病视网膜病变征象：{percent}%（分类器）</translation>
    </message>
    <message>
        <location filename="../../widgets/findings_panel.py" line="45"/>
        <source>Decided by: {source}</source>
        <translation>判定依据：{source}</translation>
    </message>
    <message>
        <location filename="../../widgets/findings_panel.py" line="81"/>
        <source>AI</source>
        <translation>AI</translation>
    </message>
    <message>
        <location filename="../../widgets/findings_panel.py" line="94"/>
        <source>Count</source>
        <translation>数量</translation>
    </message>
    <message>
        <location filename="../../widgets/findings_panel.py" line="94"/>
        <source>Area</source>
        <translation>面积</translation>
    </message>
    <message>
        <location filename="../../widgets/findings_panel.py" line="94"/>
        <source>Quadrants</source>
        <translation>象限</translation>
    </message>
    <message>
        <location filename="../../widgets/findings_panel.py" line="95"/>
        <location filename="../../widgets/findings_panel.py" line="115"/>
        <source>Reader</source>
        <translation>阅片医师</translation>
    </message>
    <message>
        <location filename="../../widgets/findings_panel.py" line="97"/>
        <source>Lesions the reader painted (connected areas)</source>
        <translation>阅片医师标注的病变（连通区域）</translation>
    </message>
    <message>
        <location filename="../../widgets/findings_panel.py" line="117"/>
        <location filename="../../widgets/findings_panel.py" line="121"/>
        <location filename="../../widgets/findings_panel.py" line="125"/>
        <source>– not graded</source>
        <translation>– 未分级</translation>
    </message>
    <message>
        <location filename="../../widgets/findings_panel.py" line="131"/>
        <source>Accept AI grade</source>
        <translation>采用 AI 分级</translation>
    </message>
    <message>
        <location filename="../../widgets/findings_panel.py" line="133"/>
        <source>Findings, in your words</source>
        <translation>所见（请用您自己的话描述）</translation>
    </message>
    <message>
        <location filename="../../widgets/findings_panel.py" line="136"/>
        <source>DR grade</source>
        <translation>DR 分级</translation>
    </message>
    <message>
        <location filename="../../widgets/findings_panel.py" line="137"/>
        <source>DME risk</source>
        <translation>黄斑水肿风险</translation>
    </message>
    <message>
        <location filename="../../widgets/findings_panel.py" line="138"/>
        <source>OCT class</source>
        <translation>OCT 分类</translation>
    </message>
    <message>
        <location filename="../../widgets/findings_panel.py" line="140"/>
        <source>Findings</source>
        <translation>所见</translation>
    </message>
    <message>
        <location filename="../../widgets/findings_panel.py" line="141"/>
        <source>Review</source>
        <translation>审阅状态</translation>
    </message>
    <message>
        <location filename="../../widgets/findings_panel.py" line="168"/>
        <source>Cannot open this case</source>
        <translation>无法打开此病例</translation>
    </message>
    <message>
        <location filename="../../widgets/findings_panel.py" line="175"/>
        <source>Not analysed yet</source>
        <translation>尚未分析</translation>
    </message>
    <message>
        <location filename="../../widgets/findings_panel.py" line="175"/>
        <source>No case open</source>
        <translation>未打开病例</translation>
    </message>
    <message>
        <location filename="../../widgets/findings_panel.py" line="185"/>
        <source>Image quality: {verdict}</source>
        <translation>图像质量：{verdict}</translation>
    </message>
    <message>
        <location filename="../../widgets/findings_panel.py" line="186"/>
        <source>Models: {names}</source>
        <translation>模型：{names}</translation>
    </message>
    <message>
        <location filename="../../widgets/findings_panel.py" line="191"/>
        <source>No DR grade</source>
        <translation>无 DR 分级</translation>
    </message>
    <message>
        <location filename="../../widgets/findings_panel.py" line="193"/>
        <source>DR {grade} — {name} (from lesion rules)</source>
        <translation>DR {grade} — {name}（依据病变规则）</translation>
    </message>
    <message>
        <location filename="../../widgets/findings_panel.py" line="194"/>
        <source>DR {grade} — {name}</source>
        <translation>DR {grade} — {name}</translation>
    </message>
    <message>
        <location filename="../../widgets/findings_panel.py" line="208"/>
        <source>OCT: {name} ({percent}%)</source>
        <translation>OCT：{name}（{percent}%）</translation>
    </message>
    <message>
        <location filename="../../widgets/findings_panel.py" line="214"/>
        <source>OCT: no OCT model installed — none ships by default; train one with `retina-review train oct` and choose it in Settings</source>
        <translation>OCT：未安装 OCT 模型（默认不附带）；请用 `retina-review train oct` 训练一个，并在设置中选择</translation>
    </message>
    <message>
        <location filename="../../widgets/findings_panel.py" line="217"/>
        <source>Grad-CAM heat map on the image shows what the model looked at (H toggles it).</source>
        <translation>图像上的 Grad-CAM 热图显示模型关注的区域（按 H 键显示或隐藏）。</translation>
    </message>
    <message>
        <location filename="../../widgets/findings_panel.py" line="227"/>
        <source>{area} mm²</source>
        <translation>{area} mm²</translation>
    </message>
    <message>
        <location filename="../../widgets/findings_panel.py" line="229"/>
        <source>{area} px</source>
        <translation>{area} 像素</translation>
    </message>
    <message>
        <location filename="../../widgets/findings_panel.py" line="236"/>
        <source>{name}: drawn by {source}</source>
        <translation>{name}：由 {source} 绘制</translation>
    </message>
</context>
<context>
    <name>IcdrSentence</name>
    <message>
        <location filename="../../annotations/icdr.py" line="62"/>
        <source>venous beading and IRMA (the 4-2-1 rule&apos;s other arms) and new vessels (proliferative DR, grade 4) cannot be seen in these lesion masks</source>
        <translation>静脉串珠样改变、视网膜内微血管异常（IRMA，即 4-2-1 规则的另两项）及新生血管（增殖期，4 级）无法从这些病变分割图中判断</translation>
    </message>
    <message>
        <location filename="../../annotations/icdr.py" line="66"/>
        <source>No lesions found: no DR (ICDR 0); {note}.</source>
        <translation>未发现病变：无明显糖尿病视网膜病变（ICDR 0）；{note}。</translation>
    </message>
    <message>
        <location filename="../../annotations/icdr.py" line="68"/>
        <source>MA only ({ma}): mild NPDR (ICDR 1); {note}.</source>
        <translation>仅见微动脉瘤（{ma} 处）：轻度非增殖期糖尿病视网膜病变（ICDR 1）；{note}。</translation>
    </message>
    <message>
        <location filename="../../annotations/icdr.py" line="70"/>
        <source>HE in 4 quadrants with at least {severe} each ({listed}): severe NPDR (ICDR 3) by the 4-2-1 rule&apos;s haemorrhage arm; {note}.</source>
        <translation>4 个象限均有出血且每个象限至少 {severe} 处（{listed}）：按 4-2-1 规则的出血项判定为重度非增殖期糖尿病视网膜病变（ICDR 3）；{note}。</translation>
    </message>
    <message>
        <location filename="../../annotations/icdr.py" line="73"/>
        <source>More than MA only ({listed}{where}): moderate NPDR (ICDR 2{exudates}), below the severe 4-2-1 threshold; {note}.</source>
        <translation>不止微动脉瘤（{listed}{where}）：中度非增殖期糖尿病视网膜病变（ICDR 2{exudates}），未达 4-2-1 规则的重度标准；{note}。</translation>
    </message>
    <message>
        <location filename="../../annotations/icdr.py" line="77"/>
        <source>; HE in {n} quadrant</source>
        <translation>；出血见于 {n} 个象限</translation>
    </message>
    <message>
        <location filename="../../annotations/icdr.py" line="78"/>
        <source>; HE in {n} quadrants</source>
        <translation>；出血见于 {n} 个象限</translation>
    </message>
    <message>
        <location filename="../../annotations/icdr.py" line="79"/>
        <source>; exudates imply at least moderate</source>
        <translation>；有渗出即至少为中度</translation>
    </message>
    <message>
        <location filename="../../annotations/icdr.py" line="86"/>
        <source>{count} {code}</source>
        <translation>{code} {count} 处</translation>
    </message>
    <message>
        <location filename="../../annotations/icdr.py" line="87"/>
        <source>, </source>
        <translation>、</translation>
    </message>
</context>
<context>
    <name>ImageQuality</name>
    <message>
        <location filename="../../widgets/clinical_terms.py" line="96"/>
        <source>field of view not found (no dark circular border: is this a fundus photograph?)</source>
        <translation>未找到视野（没有暗色圆形边界：这是眼底照片吗？）</translation>
    </message>
    <message>
        <location filename="../../widgets/clinical_terms.py" line="98"/>
        <source>too dark (mean level {level}, needs {limit})</source>
        <translation>过暗（平均亮度 {level}，至少需 {limit}）</translation>
    </message>
    <message>
        <location filename="../../widgets/clinical_terms.py" line="99"/>
        <source>too bright (mean level {level}, at most {limit})</source>
        <translation>过亮（平均亮度 {level}，最高 {limit}）</translation>
    </message>
    <message>
        <location filename="../../widgets/clinical_terms.py" line="100"/>
        <source>blurred (sharpness {value}, needs {limit})</source>
        <translation>模糊（清晰度 {value}，至少需 {limit}）</translation>
    </message>
    <message>
        <location filename="../../widgets/clinical_terms.py" line="101"/>
        <source>OCT scan too dark (mean level {level}, needs {limit})</source>
        <translation>OCT 扫描过暗（平均亮度 {level}，至少需 {limit}）</translation>
    </message>
    <message>
        <location filename="../../widgets/clinical_terms.py" line="102"/>
        <source>OCT scan too bright (mean level {level}, at most {limit})</source>
        <translation>OCT 扫描过亮（平均亮度 {level}，最高 {limit}）</translation>
    </message>
    <message>
        <location filename="../../widgets/clinical_terms.py" line="103"/>
        <source>OCT scan blurred (sharpness {value}, needs {limit})</source>
        <translation>OCT 扫描模糊（清晰度 {value}，至少需 {limit}）</translation>
    </message>
    <message>
        <location filename="../../widgets/clinical_terms.py" line="117"/>
        <source>; </source>
        <translation>；</translation>
    </message>
    <message>
        <location filename="../../widgets/clinical_terms.py" line="123"/>
        <source>not assessed</source>
        <translation>未评估</translation>
    </message>
    <message>
        <location filename="../../widgets/clinical_terms.py" line="126"/>
        <source>NOT gradable: {reason}</source>
        <translation>不可分级：{reason}</translation>
    </message>
    <message>
        <location filename="../../widgets/clinical_terms.py" line="127"/>
        <source>NOT gradable</source>
        <translation>不可分级</translation>
    </message>
    <message>
        <location filename="../../widgets/clinical_terms.py" line="128"/>
        <source>gradable ({reason})</source>
        <translation>可分级（{reason}）</translation>
    </message>
    <message>
        <location filename="../../widgets/clinical_terms.py" line="129"/>
        <source>gradable</source>
        <translation>可分级</translation>
    </message>
</context>
<context>
    <name>ReferableSource</name>
    <message>
        <location filename="../../widgets/clinical_terms.py" line="81"/>
        <source>referable model</source>
        <translation>可转诊判定模型</translation>
    </message>
    <message>
        <location filename="../../widgets/clinical_terms.py" line="82"/>
        <source>DR grade &gt;= 2 (ICDR rules)</source>
        <translation>DR 分级 ≥ 2（ICDR 规则）</translation>
    </message>
    <message>
        <location filename="../../widgets/clinical_terms.py" line="83"/>
        <source>DR grade &gt;= 2 (grade model)</source>
        <translation>DR 分级 ≥ 2（分级模型）</translation>
    </message>
    <message>
        <location filename="../../widgets/clinical_terms.py" line="84"/>
        <source>DR signs classifier or DR grade &gt;= 2 (ICDR rules)</source>
        <translation>糖尿病视网膜病变征象分类器，或 DR 分级 ≥ 2（ICDR 规则）</translation>
    </message>
    <message>
        <location filename="../../widgets/clinical_terms.py" line="85"/>
        <source>DR signs classifier or DR grade &gt;= 2 (grade model)</source>
        <translation>糖尿病视网膜病变征象分类器，或 DR 分级 ≥ 2（分级模型）</translation>
    </message>
</context>
</TS>
