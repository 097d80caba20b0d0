<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>AgreementController</name>
    <message>
        <source>Open a folder first: agreement compares its readers.</source>
        <translation>请先打开一个文件夹：一致性分析比较的是其中各阅片者的结果。</translation>
    </message>
    <message>
        <source>Computing reader agreement…</source>
        <translation>正在计算阅片者一致性…</translation>
    </message>
    <message>
        <source>Agreement failed: {error}</source>
        <translation>一致性计算失败：{error}</translation>
    </message>
</context>
<context>
    <name>AgreementDialog</name>
    <message>
        <source>single</source>
        <translation>单人</translation>
    </message>
    <message>
        <source>double</source>
        <translation>双人</translation>
    </message>
    <message>
        <source>Reader agreement</source>
        <translation>阅片者一致性</translation>
    </message>
    <message>
        <source>{folder}: {mode} reading, readers: {readers}; {cases} case(s) with saved readings</source>
        <translation>{folder}：{mode}阅片，阅片者：{readers}；{cases} 个病例有已保存的阅片结果</translation>
    </message>
    <message>
        <source>Readers</source>
        <translation>阅片者</translation>
    </message>
    <message>
        <source>Cases</source>
        <translation>病例数</translation>
    </message>
    <message>
        <source>Grade κ (quadratic)</source>
        <translation>分级 κ（二次加权）</translation>
    </message>
    <message>
        <source>Grade exact</source>
        <translation>分级完全一致</translation>
    </message>
    <message>
        <source>Referable agreement</source>
        <translation>可转诊一致率</translation>
    </message>
    <message>
        <source>Referable κ</source>
        <translation>可转诊 κ</translation>
    </message>
    <message>
        <source>{cls} Dice</source>
        <translation>{cls} Dice</translation>
    </message>
    <message>
        <source>{cls} box F1</source>
        <translation>{cls} 框 F1</translation>
    </message>
    <message>
        <source>Reader (reference)</source>
        <translation>阅片者（参考）</translation>
    </message>
    <message>
        <source>Graded</source>
        <translation>已分级</translation>
    </message>
    <message>
        <source>AI grade κ</source>
        <translation>AI 分级 κ</translation>
    </message>
    <message>
        <source>AI grade exact</source>
        <translation>AI 分级完全一致</translation>
    </message>
    <message>
        <source>Referable cases</source>
        <translation>可转诊病例</translation>
    </message>
    <message>
        <source>AI sensitivity</source>
        <translation>AI 敏感度</translation>
    </message>
    <message>
        <source>AI specificity</source>
        <translation>AI 特异度</translation>
    </message>
    <message>
        <source>{a} (rows) vs {b} (columns)</source>
        <translation>{a}（行）对 {b}（列）</translation>
    </message>
    <message>
        <source>Between readers (Dice and F1 pooled over cases, boxes matched at IoU 0.5)</source>
        <translation>阅片者之间（Dice 与 F1 按全部病例汇总，框按 IoU 0.5 匹配）</translation>
    </message>
    <message>
        <source>Each reader as the reference, the AI as the test</source>
        <translation>以每位阅片者为参考，AI 为被测</translation>
    </message>
    <message>
        <source>DR grade confusion</source>
        <translation>DR 分级混淆矩阵</translation>
    </message>
</context>
<context>
    <name>AnalysisController</name>
    <message>
        <source>{image}: loading</source>
        <translation>{image}：正在载入</translation>
    </message>
    <message>
        <source>finding the field of view</source>
        <translation>正在寻找视野范围</translation>
    </message>
    <message>
        <source>checking image quality</source>
        <translation>正在检查图像质量</translation>
    </message>
    <message>
        <source>segmenting lesions</source>
        <translation>正在分割病灶</translation>
    </message>
    <message>
        <source>locating the optic disc</source>
        <translation>正在定位视盘</translation>
    </message>
    <message>
        <source>finding lesions</source>
        <translation>正在查找病灶</translation>
    </message>
    <message>
        <source>placing the optic disc</source>
        <translation>正在确定视盘位置</translation>
    </message>
    <message>
        <source>measuring findings</source>
        <translation>正在测量所见</translation>
    </message>
    <message>
        <source>grading</source>
        <translation>正在分级</translation>
    </message>
    <message>
        <source>lesions present</source>
        <translation>正在判断病灶有无</translation>
    </message>
    <message>
        <source>referable DR</source>
        <translation>正在判断可转诊 DR</translation>
    </message>
    <message>
        <source>checking scan quality</source>
        <translation>正在检查扫描质量</translation>
    </message>
    <message>
        <source>classifying the OCT scan</source>
        <translation>正在对 OCT 扫描分类</translation>
    </message>
    <message>
        <source>tile {number} of {count}</source>
        <translation>第 {number} 块，共 {count} 块</translation>
    </message>
    <message>
        <source>done</source>
        <translation>完成</translation>
    </message>
    <message>
        <source>{image}: analysing</source>
        <translation>{image}：正在分析</translation>
    </message>
    <message>
        <source>analysis done</source>
        <translation>分析完成</translation>
    </message>
</context>
<context>
    <name>AnnotationController</name>
    <message>
        <source>Larger brush</source>
        <translation>增大画笔</translation>
    </message>
    <message>
        <source>Smaller brush</source>
        <translation>减小画笔</translation>
    </message>
    <message>
        <source>Boxes from masks (visible classes)</source>
        <translation>由掩膜生成框（可见类别）</translation>
    </message>
    <message>
        <source>Toggle box &quot;difficult&quot;</source>
        <translation>切换框的“困难”标记</translation>
    </message>
    <message>
        <source>Review AI candidates, largest first</source>
        <translation>审核 AI 候选病灶，从大到小</translation>
    </message>
    <message>
        <source>Review AI candidates, least certain first</source>
        <translation>审核 AI 候选病灶，从最不确定开始</translation>
    </message>
    <message>
        <source>Accept candidate / close polygon</source>
        <translation>接受候选 / 闭合多边形</translation>
    </message>
    <message>
        <source>Reject candidate / drop last polygon corner</source>
        <translation>拒绝候选 / 删除多边形最后一个顶点</translation>
    </message>
    <message>
        <source>Delete selected box</source>
        <translation>删除所选框</translation>
    </message>
    <message>
        <source>Cancel / stop reviewing</source>
        <translation>取消 / 停止审核</translation>
    </message>
    <message>
        <source>Next candidate / nudge box right</source>
        <translation>下一个候选 / 框右移</translation>
    </message>
    <message>
        <source>Previous candidate / nudge box left</source>
        <translation>上一个候选 / 框左移</translation>
    </message>
    <message>
        <source>Nudge box up</source>
        <translation>框上移</translation>
    </message>
    <message>
        <source>Nudge box down</source>
        <translation>框下移</translation>
    </message>
    <message>
        <source>Export labels…</source>
        <translation>导出标注…</translation>
    </message>
    <message>
        <source>Import labels…</source>
        <translation>导入标注…</translation>
    </message>
    <message>
        <source>History</source>
        <translation>历史记录</translation>
    </message>
    <message>
        <source>&amp;Annotate</source>
        <translation>标注(&amp;A)</translation>
    </message>
    <message>
        <source>Relabel selected box as {cls}</source>
        <translation>将所选框改标为 {cls}</translation>
    </message>
    <message>
        <source>Save VOC next to images</source>
        <translation>在图像旁保存 VOC</translation>
    </message>
    <message>
        <source>On save, also write IMAGE.xml beside each image, as labelImg does</source>
        <translation>保存时同时在每张图像旁写入 IMAGE.xml（与 labelImg 相同）</translation>
    </message>
    <message>
        <source>The AI result changed; start the candidate review again (C)</source>
        <translation>AI 结果已更改；请重新开始候选审核（C）</translation>
    </message>
    <message>
        <source>Select a box first (box tool, W), then relabel it</source>
        <translation>请先选择一个框（框工具，W），再改标</translation>
    </message>
    <message>
        <source>Select a box first (box tool, W), then mark it difficult</source>
        <translation>请先选择一个框（框工具，W），再标记为困难</translation>
    </message>
    <message>
        <source>Added {count} box(es) from the {classes} masks</source>
        <translation>已由 {classes} 掩膜添加 {count} 个框</translation>
    </message>
    <message>
        <source>No new boxes: every {classes} component already has one</source>
        <translation>没有新框：每个 {classes} 连通区域都已有框</translation>
    </message>
    <message>
        <source>No AI lesions to review: run the analysis (F5) first</source>
        <translation>没有可审核的 AI 病灶：请先运行分析（F5）</translation>
    </message>
    <message>
        <source>All {count} AI candidate(s) reviewed</source>
        <translation>全部 {count} 个 AI 候选已审核</translation>
    </message>
    <message>
        <source>AI candidate {cls} ({area} px{certainty}), {left} left: Enter accept, Backspace reject, → skip, ← back, Esc stop</source>
        <translation>AI 候选 {cls}（{area} 像素{certainty}），剩余 {left} 个：Enter 接受，Backspace 拒绝，→ 跳过，← 返回，Esc 停止</translation>
    </message>
    <message>
        <source>Could not write {file}: {error}; check the folder is writable</source>
        <translation>无法写入 {file}：{error}；请检查文件夹是否可写</translation>
    </message>
    <message>
        <source>Open a folder of images first (Ctrl+O)</source>
        <translation>请先打开一个图像文件夹（Ctrl+O）</translation>
    </message>
</context>
<context>
    <name>ArbitrationController</name>
    <message>
        <source>Open a case first.</source>
        <translation>请先打开一个病例。</translation>
    </message>
    <message>
        <source>This folder is read by a single reader: there is nothing to arbitrate. (retina-review reading FOLDER --mode double switches it to double reading.)</source>
        <translation>此文件夹为单人阅片：没有需要仲裁的内容。（retina-review reading FOLDER --mode double 可切换为双人阅片。）</translation>
    </message>
    <message>
        <source>You opened this folder as one of its readers; only its arbiters arbitrate (retina-review reading FOLDER --arbiters NAME names them).</source>
        <translation>您以阅片者身份打开了此文件夹；只有仲裁者可以仲裁（用 retina-review reading FOLDER --arbiters NAME 指定仲裁者）。</translation>
    </message>
    <message>
        <source>Cannot arbitrate: {error}</source>
        <translation>无法仲裁：{error}</translation>
    </message>
    <message>
        <source>{image}: correct the consensus labels on the canvas (Ctrl+Z undoes); Ctrl+S saves them as the arbitrated result</source>
        <translation>{image}：请在画布上修正共识标注（Ctrl+Z 撤销）；Ctrl+S 将其保存为仲裁结果</translation>
    </message>
    <message>
        <source>{image}: the consensus is {arbiter}&apos;s decision</source>
        <translation>{image}：共识结果为 {arbiter} 的决定</translation>
    </message>
</context>
<context>
    <name>ArbitrationDialog</name>
    <message>
        <source>DR grade {a} vs {b}</source>
        <translation>DR 分级 {a} 对 {b}</translation>
    </message>
    <message>
        <source>referable {a} vs {b}</source>
        <translation>可转诊 {a} 对 {b}</translation>
    </message>
    <message>
        <source>DME risk {a} vs {b}</source>
        <translation>DME 风险 {a} 对 {b}</translation>
    </message>
    <message>
        <source>{cls} mask Dice {value}</source>
        <translation>{cls} 掩膜 Dice {value}</translation>
    </message>
    <message>
        <source>{cls} boxes F1 {value}</source>
        <translation>{cls} 框 F1 {value}</translation>
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
        <source>Arbitration — {image}</source>
        <translation>仲裁 — {image}</translation>
    </message>
    <message>
        <source>; </source>
        <translation>；</translation>
    </message>
    <message>
        <source>The readings disagree: {why}</source>
        <translation>阅片结果不一致：{why}</translation>
    </message>
    <message>
        <source>The readings agree within the folder&apos;s threshold.</source>
        <translation>阅片结果在本文件夹的阈值内一致。</translation>
    </message>
    <message>
        <source>Disagreement, every lesion class</source>
        <translation>不一致区域，全部病灶类别</translation>
    </message>
    <message>
        <source>Disagreement, {cls} ({name})</source>
        <translation>不一致区域，{cls}（{name}）</translation>
    </message>
    <message>
        <source>orange: only {a} · blue: only {b} · white: both</source>
        <translation>橙色：仅 {a} · 蓝色：仅 {b} · 白色：两者</translation>
    </message>
    <message>
        <source>Keep the labels of {name}</source>
        <translation>保留 {name} 的标注</translation>
    </message>
    <message>
        <source>Labels</source>
        <translation>标注</translation>
    </message>
    <message>
        <source>Final DR grade</source>
        <translation>最终 DR 分级</translation>
    </message>
    <message>
        <source>Final DME risk</source>
        <translation>最终 DME 风险</translation>
    </message>
    <message>
        <source>Save as consensus</source>
        <translation>保存为共识结果</translation>
    </message>
    <message>
        <source>Save and correct labels…</source>
        <translation>保存并修正标注…</translation>
    </message>
    <message>
        <source>Save the chosen labels and grade as the consensus, then correct its masks and boxes on the canvas with every tool (undo: Ctrl+Z); saving stores the corrections as the arbitrated result</source>
        <translation>将所选标注和分级保存为共识结果，然后在画布上用各种工具修正其掩膜和框（撤销：Ctrl+Z）；保存时修正内容将存为仲裁结果</translation>
    </message>
    <message>
        <source>{grade}, {dme}</source>
        <translation>{grade}，{dme}</translation>
    </message>
</context>
<context>
    <name>BScanController</name>
    <message>
        <source>Next &amp;B-scan</source>
        <translation>下一个 B 扫描(&amp;B)</translation>
    </message>
    <message>
        <source>Previous B-&amp;scan</source>
        <translation>上一个 B 扫描(&amp;S)</translation>
    </message>
</context>
<context>
    <name>CaseController</name>
    <message>
        <source>{path}: not found; check the path and open it again</source>
        <translation>{path}：未找到；请检查路径后重新打开</translation>
    </message>
    <message>
        <source>{path}: open one folder, or image files (JPEG, PNG, TIFF, BMP) of one folder</source>
        <translation>{path}：请打开一个文件夹，或同一文件夹中的图像文件（JPEG、PNG、TIFF、BMP）</translation>
    </message>
    <message>
        <source>{count} folders given: open image files from one folder at a time</source>
        <translation>给出了 {count} 个文件夹：每次只能打开同一文件夹中的图像文件</translation>
    </message>
    <message>
        <source>You graded this case yourself. Accepting the AI grade changes {values}.

Replace your grade with the AI&apos;s?</source>
        <translation>此病例已由您本人分级。接受 AI 分级将更改 {values}。

用 AI 的分级替换您的分级吗？</translation>
    </message>
    <message>
        <source>Replace your grade?</source>
        <translation>替换您的分级？</translation>
    </message>
    <message>
        <source>Autosave failed: {error}</source>
        <translation>自动保存失败：{error}</translation>
    </message>
</context>
<context>
    <name>CaseImageLoader</name>
    <message>
        <source>{file}: cannot be decoded ({error}) — please report this file</source>
        <translation>{file}：无法解码（{error}）— 请报告此文件</translation>
    </message>
</context>
<context>
    <name>ExportDialog</name>
    <message>
        <source>Pascal VOC boxes (one .xml per image, for labelImg)</source>
        <translation>Pascal VOC 框（每张图像一个 .xml，用于 labelImg）</translation>
    </message>
    <message>
        <source>Per-class masks, IDRiD naming (NAME_MA.png, NAME_HE.png …)</source>
        <translation>按类别的掩膜，IDRiD 命名（NAME_MA.png、NAME_HE.png …）</translation>
    </message>
    <message>
        <source>Indexed PNG (one image per case, class index per pixel)</source>
        <translation>索引 PNG（每个病例一张图，每像素为类别索引）</translation>
    </message>
    <message>
        <source>COCO (annotations.json)</source>
        <translation>COCO（annotations.json）</translation>
    </message>
    <message>
        <source>Grades CSV (IDRiD columns)</source>
        <translation>分级 CSV（IDRiD 列）</translation>
    </message>
    <message>
        <source>Training data set with train/val/test split files</source>
        <translation>训练数据集，含 train/val/test 划分文件</translation>
    </message>
    <message>
        <source>YOLO boxes (classes.txt and one .txt per image, for labelImg)</source>
        <translation>YOLO 框（classes.txt 及每张图像一个 .txt，用于 labelImg）</translation>
    </message>
    <message>
        <source>All cases ({count})</source>
        <translation>全部病例（{count}）</translation>
    </message>
    <message>
        <source>Done cases only ({count})</source>
        <translation>仅已完成病例（{count}）</translation>
    </message>
    <message>
        <source>Selected cases ({count})</source>
        <translation>所选病例（{count}）</translation>
    </message>
    <message>
        <source>Export</source>
        <translation>导出</translation>
    </message>
    <message>
        <source>Cancel export</source>
        <translation>取消导出</translation>
    </message>
    <message>
        <source>The summary appears here when the export ends.</source>
        <translation>导出结束后，摘要将显示在这里。</translation>
    </message>
    <message>
        <source>Export labels</source>
        <translation>导出标注</translation>
    </message>
    <message>
        <source>Formats</source>
        <translation>格式</translation>
    </message>
    <message>
        <source>Cases</source>
        <translation>病例</translation>
    </message>
    <message>
        <source>Folder to write into (created if needed)</source>
        <translation>写入的文件夹（不存在时自动创建）</translation>
    </message>
    <message>
        <source>Choose…</source>
        <translation>选择…</translation>
    </message>
    <message>
        <source>Export to</source>
        <translation>导出到</translation>
    </message>
    <message>
        <source>Replace files already in this folder (original images are never replaced)</source>
        <translation>替换此文件夹中已有的文件（原始图像永不替换）</translation>
    </message>
    <message>
        <source>Export labels to</source>
        <translation>导出标注到</translation>
    </message>
    <message>
        <source>Exporting {count} case(s)…</source>
        <translation>正在导出 {count} 个病例…</translation>
    </message>
    <message>
        <source>Export cancelled; files already written were kept.</source>
        <translation>导出已取消；已写入的文件予以保留。</translation>
    </message>
    <message>
        <source>Export failed: {error}</source>
        <translation>导出失败：{error}</translation>
    </message>
    <message>
        <source>Cancelling…</source>
        <translation>正在取消…</translation>
    </message>
    <message>
        <source>Stopped.</source>
        <translation>已停止。</translation>
    </message>
    <message>
        <source>Finished.</source>
        <translation>已完成。</translation>
    </message>
</context>
<context>
    <name>GradeBarChart</name>
    <message>
        <source>no probabilities</source>
        <translation>无概率</translation>
    </message>
</context>
<context>
    <name>ImportDialog</name>
    <message>
        <source>Pascal VOC boxes (NAME.xml, labelImg)</source>
        <translation>Pascal VOC 框（NAME.xml，labelImg）</translation>
    </message>
    <message>
        <source>YOLO boxes (classes.txt and NAME.txt, labelImg)</source>
        <translation>YOLO 框（classes.txt 及 NAME.txt，labelImg）</translation>
    </message>
    <message>
        <source>labelme shapes (NAME.json): rectangles, polygons, circles</source>
        <translation>labelme 形状（NAME.json）：矩形、多边形、圆形</translation>
    </message>
    <message>
        <source>COCO (annotations.json or the chosen .json file)</source>
        <translation>COCO（annotations.json 或所选的 .json 文件）</translation>
    </message>
    <message>
        <source>Per-class masks, IDRiD naming (NAME_MA.png …)</source>
        <translation>按类别的掩膜，IDRiD 命名（NAME_MA.png …）</translation>
    </message>
    <message>
        <source>Import</source>
        <translation>导入</translation>
    </message>
    <message>
        <source>Cancel import</source>
        <translation>取消导入</translation>
    </message>
    <message>
        <source>The summary appears here when the import ends.</source>
        <translation>导入结束后，摘要将显示在这里。</translation>
    </message>
    <message>
        <source>Import labels</source>
        <translation>导入标注</translation>
    </message>
    <message>
        <source>Folder that holds the label files</source>
        <translation>存放标注文件的文件夹</translation>
    </message>
    <message>
        <source>Choose…</source>
        <translation>选择…</translation>
    </message>
    <message>
        <source>Format</source>
        <translation>格式</translation>
    </message>
    <message>
        <source>Labels in</source>
        <translation>标注位置</translation>
    </message>
    <message>
        <source>Label map</source>
        <translation>标签映射</translation>
    </message>
    <message>
        <source>COCO file</source>
        <translation>COCO 文件</translation>
    </message>
    <message>
        <source>COCO JSON (*.json)</source>
        <translation>COCO JSON（*.json）</translation>
    </message>
    <message>
        <source>Folder of label files</source>
        <translation>标注文件所在文件夹</translation>
    </message>
    <message>
        <source>Import cancelled; the cases imported before were kept.</source>
        <translation>导入已取消；此前已导入的病例予以保留。</translation>
    </message>
    <message>
        <source>Import failed: {error}</source>
        <translation>导入失败：{error}</translation>
    </message>
</context>
<context>
    <name>LossCurve</name>
    <message>
        <source>Training loss per step (light) and its moving average (dark)</source>
        <translation>每步训练损失（浅色）及其滑动平均（深色）</translation>
    </message>
    <message>
        <source>loss per step</source>
        <translation>每步损失</translation>
    </message>
    <message>
        <source>moving average</source>
        <translation>滑动平均</translation>
    </message>
    <message>
        <source>loss appears here as training runs</source>
        <translation>训练开始后，损失曲线将显示在这里</translation>
    </message>
    <message>
        <source>step {step}</source>
        <translation>第 {step} 步</translation>
    </message>
    <message>
        <source>step {step}  loss {loss}</source>
        <translation>第 {step} 步  损失 {loss}</translation>
    </message>
</context>
<context>
    <name>ObjectListController</name>
    <message>
        <source>Objects</source>
        <translation>对象</translation>
    </message>
    <message>
        <source>Delete {count} objects</source>
        <translation>删除 {count} 个对象</translation>
    </message>
</context>
<context>
    <name>PdfPreview</name>
    <message>
        <source>the report PDF cannot be read back ({error})</source>
        <translation>无法读回报告 PDF（{error}）</translation>
    </message>
    <message>
        <source>the printer cannot be opened; check it is connected and try again</source>
        <translation>无法打开打印机；请检查其是否已连接，然后重试</translation>
    </message>
</context>
<context>
    <name>ReadingController</name>
    <message>
        <source>Double reading</source>
        <translation>双人阅片</translation>
    </message>
    <message>
        <source>Read {folder} by two readers from now on? Each reader&apos;s grades and labels are then kept in a store of their own, and the labels saved so far stay as the folder&apos;s consensus. The folder is opened again.</source>
        <translation>从现在起由两位阅片者阅读 {folder} 吗？届时每位阅片者的分级和标注将分别保存，目前已保存的标注将作为本文件夹的共识结果。文件夹将重新打开。</translation>
    </message>
    <message>
        <source>Could not store the reading settings: {error}</source>
        <translation>无法保存阅片设置：{error}</translation>
    </message>
    <message>
        <source>{folder}: {mode} reading</source>
        <translation>{folder}：{mode}阅片</translation>
    </message>
    <message>
        <source>double</source>
        <translation>双人</translation>
    </message>
    <message>
        <source>single</source>
        <translation>单人</translation>
    </message>
    <message>
        <source>Who is reading?</source>
        <translation>谁在阅片？</translation>
    </message>
    <message>
        <source>{folder} is read by two readers. Your name keeps your readings apart from the other reader&apos;s (it is kept in Settings):</source>
        <translation>{folder} 由两位阅片者阅读。您的姓名用于将您的阅片结果与另一位阅片者的分开（保存在设置中）：</translation>
    </message>
</context>
<context>
    <name>RetrainController</name>
    <message>
        <source>Lesion segmentation</source>
        <translation>病灶分割</translation>
    </message>
    <message>
        <source>DR grade</source>
        <translation>DR 分级</translation>
    </message>
    <message>
        <source>Referable DR</source>
        <translation>可转诊 DR</translation>
    </message>
    <message>
        <source>open a folder of reviewed cases first</source>
        <translation>请先打开一个含已审核病例的文件夹</translation>
    </message>
    <message>
        <source>the open case could not be saved; see the status bar</source>
        <translation>当前病例无法保存；请查看状态栏</translation>
    </message>
    <message>
        <source>could not copy the model into {folder} ({error}); check that the folder is writable and the disk not full</source>
        <translation>无法将模型复制到 {folder}（{error}）；请检查该文件夹是否可写、磁盘是否已满</translation>
    </message>
    <message>
        <source>Now using {model} for {task} (installed in {folder}). Analyse a case to see it.</source>
        <translation>现在使用 {model} 进行{task}（安装于 {folder}）。分析一个病例即可查看效果。</translation>
    </message>
    <message>
        <source>Kept the current model; the new one was discarded.</source>
        <translation>已保留当前模型；新模型已丢弃。</translation>
    </message>
    <message>
        <source>Both models scored on the {split} split ({count} image(s)).</source>
        <translation>两个模型均在 {split} 划分上评分（{count} 张图像）。</translation>
    </message>
</context>
<context>
    <name>RetrainDialog</name>
    <message>
        <source>preparing {image}</source>
        <translation>正在准备 {image}</translation>
    </message>
    <message>
        <source>{count} images prepared ({cached} from the cache)</source>
        <translation>已准备 {count} 张图像（{cached} 张来自缓存）</translation>
    </message>
    <message>
        <source>epoch {epoch}/{epochs}, step {step}/{steps}, loss {loss}</source>
        <translation>第 {epoch}/{epochs} 轮，第 {step}/{steps} 步，损失 {loss}</translation>
    </message>
    <message>
        <source>saved {folder}</source>
        <translation>已保存 {folder}</translation>
    </message>
    <message>
        <source>evaluating {image}</source>
        <translation>正在评估 {image}</translation>
    </message>
    <message>
        <source>evaluated</source>
        <translation>评估完成</translation>
    </message>
    <message>
        <source>classical detector: {image}</source>
        <translation>经典检测器：{image}</translation>
    </message>
    <message>
        <source>classical detector scored</source>
        <translation>经典检测器评分完成</translation>
    </message>
    <message>
        <source>retraining done</source>
        <translation>重新训练完成</translation>
    </message>
    <message>
        <source>Mean Dice</source>
        <translation>平均 Dice</translation>
    </message>
    <message>
        <source>Mean IoU</source>
        <translation>平均 IoU</translation>
    </message>
    <message>
        <source>Mean AUPR</source>
        <translation>平均 AUPR</translation>
    </message>
    <message>
        <source>Accuracy</source>
        <translation>准确率</translation>
    </message>
    <message>
        <source>Quadratic weighted kappa</source>
        <translation>二次加权 kappa</translation>
    </message>
    <message>
        <source>Sensitivity</source>
        <translation>敏感度</translation>
    </message>
    <message>
        <source>Specificity</source>
        <translation>特异度</translation>
    </message>
    <message>
        <source>ROC AUC</source>
        <translation>ROC AUC</translation>
    </message>
    <message>
        <source>Held-out images</source>
        <translation>留出图像数</translation>
    </message>
    <message>
        <source>none installed</source>
        <translation>未安装</translation>
    </message>
    <message>
        <source>classical detector</source>
        <translation>经典检测器</translation>
    </message>
    <message>
        <source>current model unusable</source>
        <translation>当前模型不可用</translation>
    </message>
    <message>
        <source>No held-out images: both models were scored on their training images, so the figures flatter them. Mark more cases done.</source>
        <translation>没有留出图像：两个模型都在其训练图像上评分，因此数值偏高。请将更多病例标记为完成。</translation>
    </message>
    <message>
        <source>The held-out part has {count} image(s): figures from so few are rough.</source>
        <translation>留出部分只有 {count} 张图像：据此得到的数值仅供粗略参考。</translation>
    </message>
    <message>
        <source>The DR grade model answers for referable DR (grade 2 or more).</source>
        <translation>可转诊 DR 由 DR 分级模型判定（分级 2 级及以上）。</translation>
    </message>
    <message>
        <source>No learned lesion model is installed; the program uses the classical detector.</source>
        <translation>未安装训练好的病灶模型；程序使用经典检测器。</translation>
    </message>
    <message>
        <source>No learned {task} model is installed; the program derives it from the lesion findings by ICDR rules, so there is no model to compare with.</source>
        <translation>未安装训练好的{task}模型；程序按 ICDR 规则由病灶所见推导，因此没有可比较的模型。</translation>
    </message>
    <message>
        <source>DR grade</source>
        <translation>DR 分级</translation>
    </message>
    <message>
        <source>Referable DR</source>
        <translation>可转诊 DR</translation>
    </message>
    <message>
        <source>Retrain from reviewed cases</source>
        <translation>用已审核病例重新训练</translation>
    </message>
    <message>
        <source> px</source>
        <translation> 像素</translation>
    </message>
    <message>
        <source>Side of the square image the model sees; a multiple of 32. Smaller trains faster.</source>
        <translation>模型输入的正方形图像边长，须为 32 的倍数。越小训练越快。</translation>
    </message>
    <message>
        <source>Training</source>
        <translation>训练</translation>
    </message>
    <message>
        <source>Task</source>
        <translation>任务</translation>
    </message>
    <message>
        <source>Epochs</source>
        <translation>轮数</translation>
    </message>
    <message>
        <source>Input size</source>
        <translation>输入尺寸</translation>
    </message>
    <message>
        <source>Held-out images: current model vs new model</source>
        <translation>留出图像：当前模型与新模型对比</translation>
    </message>
    <message>
        <source>Metric</source>
        <translation>指标</translation>
    </message>
    <message>
        <source>Current</source>
        <translation>当前</translation>
    </message>
    <message>
        <source>New</source>
        <translation>新</translation>
    </message>
    <message>
        <source>Start training</source>
        <translation>开始训练</translation>
    </message>
    <message>
        <source>Cancel training</source>
        <translation>取消训练</translation>
    </message>
    <message>
        <source>Use the new model</source>
        <translation>使用新模型</translation>
    </message>
    <message>
        <source>Keep the current one</source>
        <translation>保留当前模型</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
    <message>
        <source>Double reading: retraining learns from the folder&apos;s consensus, not from one reader&apos;s labels. {count} case(s) have a stored consensus (arbitrated or agreed); cases both readers agree on are added when training starts. At least {minimum} are needed.</source>
        <translation>双人阅片：重新训练使用本文件夹的共识结果，而不是某一位阅片者的标注。已有 {count} 个病例存有共识结果（已仲裁或一致）；两位阅片者一致的病例将在训练开始时加入。至少需要 {minimum} 个。</translation>
    </message>
    <message>
        <source>{done} reviewed cases are marked done; they will be exported and split into training, validation and held-out images. AI candidates you rejected count as hard negatives.</source>
        <translation>{done} 个已审核病例已标记为完成；它们将被导出并划分为训练、验证和留出图像。您拒绝的 AI 候选将作为困难负样本。</translation>
    </message>
    <message>
        <source>More reviewed cases are needed: {done} case(s) are marked done, retraining needs at least {minimum}. Review cases and mark them done (Ctrl+Enter), then try again.</source>
        <translation>需要更多已审核病例：目前 {done} 个病例标记为完成，重新训练至少需要 {minimum} 个。请审核病例并标记为完成（Ctrl+Enter）后重试。</translation>
    </message>
    <message>
        <source>Exporting the reviewed cases…</source>
        <translation>正在导出已审核病例…</translation>
    </message>
    <message>
        <source>Training finished. Compare the two models, then choose.</source>
        <translation>训练完成。请比较两个模型后再选择。</translation>
    </message>
    <message>
        <source>Current: {before}
New: {after}</source>
        <translation>当前：{before}
新：{after}</translation>
    </message>
    <message>
        <source>Retraining failed: {error}</source>
        <translation>重新训练失败：{error}</translation>
    </message>
    <message>
        <source>Training cancelled; the current model stays in use.</source>
        <translation>训练已取消；继续使用当前模型。</translation>
    </message>
</context>
<context>
    <name>TransferDialog</name>
    <message>
        <source>done</source>
        <translation>完成</translation>
    </message>
    <message>
        <source>Exporting {name} ({number} of {count})</source>
        <translation>正在导出 {name}（第 {number} 个，共 {count} 个）</translation>
    </message>
    <message>
        <source>Exported {count} cases to {folder}</source>
        <translation>已将 {count} 个病例导出到 {folder}</translation>
    </message>
    <message>
        <source>Exported {cases} case(s) as {format} to {folder}; {files} file(s) written</source>
        <translation>已将 {cases} 个病例以 {format} 格式导出到 {folder}；写入 {files} 个文件</translation>
    </message>
    <message>
        <source>Imported {cases} case(s) as {format} from {folder}</source>
        <translation>已从 {folder} 以 {format} 格式导入 {cases} 个病例</translation>
    </message>
    <message>
        <source>  {cls} {boxes} boxes {pixels} labelled pixels</source>
        <translation>  {cls} {boxes} 个框 {pixels} 个标注像素</translation>
    </message>
    <message>
        <source>  warning: {warning}</source>
        <translation>  警告：{warning}</translation>
    </message>
</context>
</TS>
