<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>ClinicalGrade</name>
    <message>
        <source>No DR</source>
        <translation>无明显糖尿病视网膜病变</translation>
    </message>
    <message>
        <source>Mild NPDR</source>
        <translation>轻度非增殖期</translation>
    </message>
    <message>
        <source>Moderate NPDR</source>
        <translation>中度非增殖期</translation>
    </message>
    <message>
        <source>Severe NPDR</source>
        <translation>重度非增殖期</translation>
    </message>
    <message>
        <source>PDR</source>
        <translation>增殖期</translation>
    </message>
</context>
<context>
    <name>ClinicalGradeFull</name>
    <message>
        <source>No DR</source>
        <translation>无明显糖尿病视网膜病变</translation>
    </message>
    <message>
        <source>Mild NPDR</source>
        <translation>轻度非增殖期糖尿病视网膜病变</translation>
    </message>
    <message>
        <source>Moderate NPDR</source>
        <translation>中度非增殖期糖尿病视网膜病变</translation>
    </message>
    <message>
        <source>Severe NPDR</source>
        <translation>重度非增殖期糖尿病视网膜病变</translation>
    </message>
    <message>
        <source>PDR</source>
        <translation>增殖期糖尿病视网膜病变</translation>
    </message>
</context>
<context>
    <name>ClinicalOctClass</name>
    <message>
        <source>Drusen</source>
        <translation>玻璃膜疣</translation>
    </message>
    <message>
        <source>Normal</source>
        <translation>正常</translation>
    </message>
    <message>
        <source>choroidal neovascularisation</source>
        <translation>脉络膜新生血管</translation>
    </message>
    <message>
        <source>diabetic macular oedema</source>
        <translation>糖尿病黄斑水肿</translation>
    </message>
</context>
<context>
    <name>ClinicalTerms</name>
    <message>
        <source>microaneurysm</source>
        <translation>微动脉瘤</translation>
    </message>
    <message>
        <source>haemorrhage</source>
        <translation>出血</translation>
    </message>
    <message>
        <source>hard exudate</source>
        <translation>硬性渗出</translation>
    </message>
    <message>
        <source>soft exudate</source>
        <translation>软性渗出（棉絮斑）</translation>
    </message>
    <message>
        <source>optic disc</source>
        <translation>视盘</translation>
    </message>
    <message>
        <source>superotemporal</source>
        <translation>颞上</translation>
    </message>
    <message>
        <source>superonasal</source>
        <translation>鼻上</translation>
    </message>
    <message>
        <source>inferotemporal</source>
        <translation>颞下</translation>
    </message>
    <message>
        <source>inferonasal</source>
        <translation>鼻下</translation>
    </message>
    <message>
        <source>Quadrants: {quadrants}</source>
        <translation>象限：{quadrants}</translation>
    </message>
    <message>
        <source>Ungradable</source>
        <translation>无法分级</translation>
    </message>
    <message>
        <source>not recorded</source>
        <translation>未记录</translation>
    </message>
    <message>
        <source>{area} mm²</source>
        <translation>{area} mm²</translation>
    </message>
    <message>
        <source>{area} px</source>
        <translation>{area} 像素</translation>
    </message>
    <message>
        <source>Areas in mm² from {source}</source>
        <translation>面积（mm²）换算依据：{source}</translation>
    </message>
    <message>
        <source>No DME risk</source>
        <translation>无黄斑水肿风险</translation>
    </message>
    <message>
        <source>DME risk 1</source>
        <translation>黄斑水肿风险 1</translation>
    </message>
    <message>
        <source>DME risk 2</source>
        <translation>黄斑水肿风险 2</translation>
    </message>
    <message>
        <source>no hard exudates seen</source>
        <translation>未见硬性渗出</translation>
    </message>
    <message>
        <source>hard exudates more than one disc diameter from the macula&apos;s centre</source>
        <translation>硬性渗出距黄斑中心超过 1 个视盘直径</translation>
    </message>
    <message>
        <source>hard exudates within one disc diameter of the macula&apos;s centre</source>
        <translation>硬性渗出距黄斑中心 1 个视盘直径以内</translation>
    </message>
    <message>
        <source>{name} — {meaning}</source>
        <translation>{name}：{meaning}</translation>
    </message>
    <message>
        <source>yes</source>
        <translation>是</translation>
    </message>
    <message>
        <source>no</source>
        <translation>否</translation>
    </message>
    <message>
        <source>{found}; not reliable: the scan is not gradable</source>
        <translation>{found}；不可靠：该扫描无法分级</translation>
    </message>
    <message>
        <source>{found}; not reliable: the photo is not gradable</source>
        <translation>{found}；不可靠：该照片无法分级</translation>
    </message>
</context>
<context>
    <name>FindingsPanel</name>
    <message>
        <source>To do</source>
        <translation>待阅片</translation>
    </message>
    <message>
        <source>In progress</source>
        <translation>阅片中</translation>
    </message>
    <message>
        <source>Done</source>
        <translation>已完成</translation>
    </message>
    <message>
        <source>Referable: {answer}</source>
        <translation>需转诊：{answer}</translation>
    </message>
    <message>
        <source>DR signs present: {percent}% (classifier)</source>
        <translation>存在糖尿病视网膜病变征象：{percent}%（分类器）</translation>
    </message>
    <message>
        <source>Decided by: {source}</source>
        <translation>判定依据：{source}</translation>
    </message>
    <message>
        <source>AI</source>
        <translation>AI</translation>
    </message>
    <message>
        <source>Count</source>
        <translation>数量</translation>
    </message>
    <message>
        <source>Area</source>
        <translation>面积</translation>
    </message>
    <message>
        <source>Quadrants</source>
        <translation>象限</translation>
    </message>
    <message>
        <source>Reader</source>
        <translation>阅片者</translation>
    </message>
    <message>
        <source>Lesions the reader painted (connected areas)</source>
        <translation>阅片者标注的病灶（连通区域）</translation>
    </message>
    <message>
        <source>– not graded</source>
        <translation>– 未分级</translation>
    </message>
    <message>
        <source>– not graded</source>
        <comment>OCT class</comment>
        <translation>– 未分类</translation>
    </message>
    <message>
        <source>Made by {models}, which the analysis no longer uses: analyse the case again for the current models&apos; result</source>
        <translation>此结果由 {models} 生成，分析已不再使用该模型：请重新分析本病例，以获得当前模型的结果</translation>
    </message>
    <message>
        <source>Accept AI class ({keys})</source>
        <translation>采纳 AI 分类 ({keys})</translation>
    </message>
    <message>
        <source>Accept AI grade ({keys})</source>
        <translation>采纳 AI 分级 ({keys})</translation>
    </message>
    <message>
        <source>Accept AI grade</source>
        <translation>采纳 AI 分级</translation>
    </message>
    <message>
        <source>Accept AI class</source>
        <translation>采纳 AI 分类</translation>
    </message>
    <message>
        <source>The AI&apos;s result is hidden until you submit this case (blind reading)</source>
        <translation>AI 结果在您提交本病例前隐藏（盲法阅片）</translation>
    </message>
    <message>
        <source>No AI result for this case: run the analysis (F5) first</source>
        <translation>本病例没有 AI 结果：请先运行分析（F5）</translation>
    </message>
    <message>
        <source>The AI gave no OCT class for this scan: classify it yourself</source>
        <translation>AI 未给出此扫描的 OCT 分类：请自行分类</translation>
    </message>
    <message>
        <source>The AI gave no DR grade for this photo: grade it yourself</source>
        <translation>AI 未给出此照片的 DR 分级：请自行分级</translation>
    </message>
    <message>
        <source>The AI found this scan not gradable, so its class cannot be taken: classify it yourself</source>
        <translation>AI 判定此扫描无法分级，不能采纳其分类：请自行分类</translation>
    </message>
    <message>
        <source>The AI found this photo not gradable, so its grade cannot be taken: grade it yourself</source>
        <translation>AI 判定此照片无法分级，不能采纳其分级：请自行分级</translation>
    </message>
    <message>
        <source>An OCT scan has no DR grade or DME risk: choose its OCT class in the findings</source>
        <translation>OCT 扫描没有 DR 分级或黄斑水肿风险：请在所见中选择其 OCT 分类</translation>
    </message>
    <message>
        <source>This photo is recorded ungradable (U): a DME risk needs a DR grade first (Ctrl+G and a digit)</source>
        <translation>此照片已记录为无法分级（U）：记录黄斑水肿风险需先给出 DR 分级（Ctrl+G 加数字）</translation>
    </message>
    <message>
        <source>Its readers disagree: arbitrate the case (Case ▸ Arbitrate case…) to give its grade</source>
        <translation>阅片者意见不一致：请仲裁此病例（病例 ▸ 仲裁病例…）以给出其分级</translation>
    </message>
    <message>
        <source>Findings, in your words</source>
        <translation>所见（请用您自己的话描述）</translation>
    </message>
    <message>
        <source>DR grade</source>
        <translation>DR 分级</translation>
    </message>
    <message>
        <source>DME risk</source>
        <translation>黄斑水肿风险</translation>
    </message>
    <message>
        <source>OCT class</source>
        <translation>OCT 分类</translation>
    </message>
    <message>
        <source>Findings</source>
        <translation>所见</translation>
    </message>
    <message>
        <source>Review</source>
        <translation>审阅状态</translation>
    </message>
    <message>
        <source>Cannot open this case</source>
        <translation>无法打开此病例</translation>
    </message>
    <message>
        <source>AI hidden until you submit this case (blind reading: mark it done, Ctrl+Enter)</source>
        <translation>AI 结果已隐藏，提交本病例后显示（盲法阅片：标记为已完成，Ctrl+回车）</translation>
    </message>
    <message>
        <source>Not analysed yet</source>
        <translation>尚未分析</translation>
    </message>
    <message>
        <source>No case open</source>
        <translation>未打开病例</translation>
    </message>
    <message>
        <source>Image quality: {verdict}</source>
        <translation>图像质量：{verdict}</translation>
    </message>
    <message>
        <source>Models: {names}</source>
        <translation>模型：{names}</translation>
    </message>
    <message>
        <source>Analysis warning: {warning}</source>
        <translation>分析警告：{warning}</translation>
    </message>
    <message>
        <source>No DR grade</source>
        <translation>无 DR 分级</translation>
    </message>
    <message>
        <source>DR {grade} — {name} (from lesion rules)</source>
        <translation>DR {grade} — {name}（依据病灶规则）</translation>
    </message>
    <message>
        <source>DR {grade} — {name}</source>
        <translation>DR {grade} — {name}</translation>
    </message>
    <message>
        <source>OCT: {name} ({percent}%)</source>
        <translation>OCT：{name}（{percent}%）</translation>
    </message>
    <message>
        <source>OCT: no OCT model installed — none ships by default; train one with `retina-review train oct` and choose it in Settings</source>
        <translation>OCT：未安装 OCT 模型（默认不附带）；请用 `retina-review train oct` 训练一个，并在设置中选择</translation>
    </message>
    <message>
        <source>Grad-CAM heat map on the image shows what the model looked at (H toggles it).</source>
        <translation>图像上的 Grad-CAM 热图显示模型关注的区域（按 H 键显示或隐藏）。</translation>
    </message>
    <message>
        <source>{name}: drawn by {source}</source>
        <translation>{name}：由 {source} 绘制</translation>
    </message>
</context>
<context>
    <name>IcdrSentence</name>
    <message>
        <source>venous beading and IRMA (the 4-2-1 rule&apos;s other arms) and new vessels (proliferative DR, grade 4) cannot be seen in these lesion masks</source>
        <translation>静脉串珠样改变、视网膜内微血管异常（IRMA，即 4-2-1 规则的另两项）及新生血管（增殖期，4 级）无法从这些病灶分割图中判断</translation>
    </message>
    <message>
        <source>No lesions found: no DR (ICDR 0); {note}.</source>
        <translation>未发现病灶：无明显糖尿病视网膜病变（ICDR 0）；{note}。</translation>
    </message>
    <message>
        <source>MA only ({ma}): mild NPDR (ICDR 1); {note}.</source>
        <translation>仅见微动脉瘤（{ma} 处）：轻度非增殖期糖尿病视网膜病变（ICDR 1）；{note}。</translation>
    </message>
    <message>
        <source>HE in 4 quadrants with at least {severe} each ({listed}): severe NPDR (ICDR 3) by the 4-2-1 rule&apos;s haemorrhage arm; {note}.</source>
        <translation>4 个象限均有出血且每个象限至少 {severe} 处（{listed}）：按 4-2-1 规则的出血项判定为重度非增殖期糖尿病视网膜病变（ICDR 3）；{note}。</translation>
    </message>
    <message>
        <source>More than MA only ({listed}{where}): moderate NPDR (ICDR 2{exudates}), below the severe 4-2-1 threshold; {note}.</source>
        <translation>不仅有微动脉瘤（{listed}{where}）：中度非增殖期糖尿病视网膜病变（ICDR 2{exudates}），未达 4-2-1 规则的重度标准；{note}。</translation>
    </message>
    <message>
        <source>; HE in {n} quadrant</source>
        <translation>；出血见于 {n} 个象限</translation>
    </message>
    <message>
        <source>; HE in {n} quadrants</source>
        <translation>；出血见于 {n} 个象限</translation>
    </message>
    <message>
        <source>; exudates imply at least moderate</source>
        <translation>；有渗出即至少为中度</translation>
    </message>
    <message>
        <source>{count} {code}</source>
        <translation>{code} {count} 处</translation>
    </message>
    <message>
        <source>, </source>
        <translation>、</translation>
    </message>
</context>
<context>
    <name>ImageQuality</name>
    <message>
        <source>field of view not found (no dark circular border: is this a fundus photograph?)</source>
        <translation>未找到视野（没有暗色圆形边界：这是眼底照片吗？）</translation>
    </message>
    <message>
        <source>too dark (mean level {level}, needs {limit})</source>
        <translation>过暗（平均亮度 {level}，至少需 {limit}）</translation>
    </message>
    <message>
        <source>too bright (mean level {level}, at most {limit})</source>
        <translation>过亮（平均亮度 {level}，最高 {limit}）</translation>
    </message>
    <message>
        <source>blurred (sharpness {value}, needs {limit})</source>
        <translation>模糊（清晰度 {value}，至少需 {limit}）</translation>
    </message>
    <message>
        <source>OCT scan too dark (mean level {level}, needs {limit})</source>
        <translation>OCT 扫描过暗（平均亮度 {level}，至少需 {limit}）</translation>
    </message>
    <message>
        <source>OCT scan too bright (mean level {level}, at most {limit})</source>
        <translation>OCT 扫描过亮（平均亮度 {level}，最高 {limit}）</translation>
    </message>
    <message>
        <source>OCT scan blurred (sharpness {value}, needs {limit})</source>
        <translation>OCT 扫描模糊（清晰度 {value}，至少需 {limit}）</translation>
    </message>
    <message>
        <source>not assessed</source>
        <translation>未评估</translation>
    </message>
    <message>
        <source>NOT gradable: {reason}</source>
        <translation>无法分级：{reason}</translation>
    </message>
    <message>
        <source>NOT gradable</source>
        <translation>无法分级</translation>
    </message>
    <message>
        <source>gradable ({reason})</source>
        <translation>可分级（{reason}）</translation>
    </message>
    <message>
        <source>gradable</source>
        <translation>可分级</translation>
    </message>
</context>
<context>
    <name>ListSeparators</name>
    <message>
        <source>... (+{count})</source>
        <translation>…（另 {count} 个）</translation>
    </message>
    <message>
        <source>, </source>
        <translation>、</translation>
    </message>
    <message>
        <source>; </source>
        <translation>；</translation>
    </message>
</context>
<context>
    <name>ReferableSource</name>
    <message>
        <source>referable model</source>
        <translation>需转诊判定模型</translation>
    </message>
    <message>
        <source>DR grade ≥ 2 (ICDR rules)</source>
        <translation>DR 分级 ≥ 2（ICDR 规则）</translation>
    </message>
    <message>
        <source>DR grade ≥ 2 (grade model)</source>
        <translation>DR 分级 ≥ 2（分级模型）</translation>
    </message>
    <message>
        <source>DR signs classifier or DR grade ≥ 2 (ICDR rules)</source>
        <translation>糖尿病视网膜病变征象分类器，或 DR 分级 ≥ 2（ICDR 规则）</translation>
    </message>
    <message>
        <source>DR signs classifier or DR grade ≥ 2 (grade model)</source>
        <translation>糖尿病视网膜病变征象分类器，或 DR 分级 ≥ 2（分级模型）</translation>
    </message>
    <message>
        <source>DR signs classifier</source>
        <translation>糖尿病视网膜病变征象分类器</translation>
    </message>
    <message>
        <source>DR signs classifier and DR grade ≥ 2 (ICDR rules)</source>
        <translation>糖尿病视网膜病变征象分类器及 DR 分级 ≥ 2（ICDR 规则）</translation>
    </message>
    <message>
        <source>DR signs classifier and DR grade ≥ 2 (grade model)</source>
        <translation>糖尿病视网膜病变征象分类器及 DR 分级 ≥ 2（分级模型）</translation>
    </message>
</context>
<context>
    <name>ResultSources</name>
    <message>
        <source>classical lesion detector gated by {model}</source>
        <translation>经 {model} 筛选的经典病灶检测器</translation>
    </message>
    <message>
        <source>{model} averaged with {partner}</source>
        <translation>{model} 与 {partner} 的平均</translation>
    </message>
    <message>
        <source>classical lesion detector</source>
        <translation>经典病灶检测器</translation>
    </message>
    <message>
        <source>disc</source>
        <translation>视盘</translation>
    </message>
    <message>
        <source>{model} ({classes})</source>
        <translation>{model}（{classes}）</translation>
    </message>
</context>
<context>
    <name>ScaleSources</name>
    <message>
        <source>the DICOM header&apos;s Pixel Spacing</source>
        <translation>DICOM 文件头的像素间距（Pixel Spacing）</translation>
    </message>
    <message>
        <source>optic disc diameter taken as {mm} mm</source>
        <translation>视盘直径按 {mm} mm 计</translation>
    </message>
    <message>
        <source>field-of-view diameter taken as {mm} mm (45-degree photo)</source>
        <translation>视野直径按 {mm} mm 计（45° 眼底照片）</translation>
    </message>
</context>
</TS>
