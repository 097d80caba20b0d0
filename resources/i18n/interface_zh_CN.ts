<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>AboutDialog</name>
    <message>
        <source>About RetinaReview</source>
        <translation>关于 RetinaReview</translation>
    </message>
    <message>
        <source>&amp;Copy details</source>
        <translation>复制详情(&amp;C)</translation>
    </message>
    <message>
        <source>The version, models, libraries and file places as plain English text, for a support request</source>
        <translation>将版本、模型、软件库和文件位置以英文纯文本复制到剪贴板，供技术支持使用</translation>
    </message>
    <message>
        <source>Copied</source>
        <translation>已复制</translation>
    </message>
    <message>
        <source>An aid for qualified readers of retinal photographs and OCT scans: it shows the AI grade, lesion masks and heat map for a reader to check and correct. It is not a medical device and makes no diagnosis: the reader decides.</source>
        <translation>供有资质的阅片者阅读眼底照片和 OCT 扫描的辅助工具：显示 AI 分级、病灶掩膜和热图，由阅片者核对和修正。本软件不是医疗器械，不作诊断：由阅片者决定。</translation>
    </message>
    <message>
        <source>Models an analysis runs</source>
        <translation>分析所用的模型</translation>
    </message>
    <message>
        <source>Under each model, what it was not trained or tested for, in its card&apos;s own words.</source>
        <translation>每个模型下方是其模型卡原文（英文），说明它未经训练或测试的情况。</translation>
    </message>
    <message>
        <source>version {version}</source>
        <translation>版本 {version}</translation>
    </message>
    <message>
        <source>No model is installed: the classical detector finds the lesions.</source>
        <translation>未安装模型：由经典检测器查找病灶。</translation>
    </message>
    <message>
        <source>Data the bundled models learned from</source>
        <translation>内置模型的训练数据</translation>
    </message>
    <message>
        <source>Built on</source>
        <translation>所用软件库</translation>
    </message>
    <message>
        <source>not installed</source>
        <translation>未安装</translation>
    </message>
    <message>
        <source>Python {python}</source>
        <translation>Python {python}</translation>
    </message>
    <message>
        <source>Where the program keeps its files</source>
        <translation>程序文件的存放位置</translation>
    </message>
    <message>
        <source>Log file</source>
        <translation>日志文件</translation>
    </message>
    <message>
        <source>Models you install</source>
        <translation>自行安装的模型</translation>
    </message>
    <message>
        <source>Settings</source>
        <translation>设置</translation>
    </message>
</context>
<context>
    <name>Actions</name>
    <message>
        <source>&amp;File</source>
        <translation>文件(&amp;F)</translation>
    </message>
    <message>
        <source>&amp;Edit</source>
        <translation>编辑(&amp;E)</translation>
    </message>
    <message>
        <source>&amp;Case</source>
        <translation>病例(&amp;C)</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>视图(&amp;V)</translation>
    </message>
    <message>
        <source>A&amp;nalysis</source>
        <translation>分析(&amp;N)</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>帮助(&amp;H)</translation>
    </message>
    <message>
        <source>Show MA</source>
        <translation>显示微动脉瘤（MA）</translation>
    </message>
    <message>
        <source>Show HE</source>
        <translation>显示出血（HE）</translation>
    </message>
    <message>
        <source>Show EX</source>
        <translation>显示硬性渗出（EX）</translation>
    </message>
    <message>
        <source>Show SE</source>
        <translation>显示软性渗出（SE）</translation>
    </message>
    <message>
        <source>Show OD</source>
        <translation>显示视盘（OD）</translation>
    </message>
    <message>
        <source>Show boxes</source>
        <translation>显示标注框</translation>
    </message>
    <message>
        <source>DR grade 0: no DR</source>
        <translation>DR 分级 0：无明显糖尿病视网膜病变</translation>
    </message>
    <message>
        <source>DR grade 1: mild NPDR</source>
        <translation>DR 分级 1：轻度非增殖期</translation>
    </message>
    <message>
        <source>DR grade 2: moderate NPDR</source>
        <translation>DR 分级 2：中度非增殖期</translation>
    </message>
    <message>
        <source>DR grade 3: severe NPDR</source>
        <translation>DR 分级 3：重度非增殖期</translation>
    </message>
    <message>
        <source>DR grade 4: PDR</source>
        <translation>DR 分级 4：增殖期</translation>
    </message>
    <message>
        <source>DME risk 0: no exudates</source>
        <translation>黄斑水肿风险 0：无硬性渗出</translation>
    </message>
    <message>
        <source>DME risk 1: exudates away from the macula</source>
        <translation>黄斑水肿风险 1：硬性渗出远离黄斑</translation>
    </message>
    <message>
        <source>DME risk 2: exudates near the macula</source>
        <translation>黄斑水肿风险 2：硬性渗出靠近黄斑</translation>
    </message>
    <message>
        <source>&amp;Open folder…</source>
        <translation>打开文件夹(&amp;O)…</translation>
    </message>
    <message>
        <source>Open &amp;images…</source>
        <translation>打开图像(&amp;I)…</translation>
    </message>
    <message>
        <source>Res&amp;can folder</source>
        <translation>重新扫描文件夹(&amp;C)</translation>
    </message>
    <message>
        <source>&amp;Save case</source>
        <translation>保存病例(&amp;S)</translation>
    </message>
    <message>
        <source>Re&amp;port / print…</source>
        <translation>报告/打印(&amp;P)…</translation>
    </message>
    <message>
        <source>A&amp;rbitrate case…</source>
        <translation>仲裁病例(&amp;R)…</translation>
    </message>
    <message>
        <source>Analyse a&amp;ll cases…</source>
        <translation>分析全部病例(&amp;L)…</translation>
    </message>
    <message>
        <source>Se&amp;ttings…</source>
        <translation>设置(&amp;T)…</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>退出(&amp;Q)</translation>
    </message>
    <message>
        <source>&amp;Undo</source>
        <translation>撤销(&amp;U)</translation>
    </message>
    <message>
        <source>&amp;Redo</source>
        <translation>重做(&amp;R)</translation>
    </message>
    <message>
        <source>&amp;Next case</source>
        <translation>下一个病例(&amp;N)</translation>
    </message>
    <message>
        <source>&amp;Previous case</source>
        <translation>上一个病例(&amp;P)</translation>
    </message>
    <message>
        <source>&amp;Accept AI grade</source>
        <translation>采纳 AI 分级(&amp;A)</translation>
    </message>
    <message>
        <source>Write &amp;findings</source>
        <translation>填写所见(&amp;F)</translation>
    </message>
    <message>
        <source>Edit pa&amp;tient details</source>
        <translation>编辑患者信息(&amp;T)</translation>
    </message>
    <message>
        <source>Mark case &amp;done</source>
        <translation>将病例标记为已完成(&amp;D)</translation>
    </message>
    <message>
        <source>DR grade U: ungradable photo</source>
        <translation>DR 分级 U：照片无法分级</translation>
    </message>
    <message>
        <source>Zoom &amp;in</source>
        <translation>放大(&amp;I)</translation>
    </message>
    <message>
        <source>Zoom &amp;out</source>
        <translation>缩小(&amp;O)</translation>
    </message>
    <message>
        <source>&amp;Fit to window</source>
        <translation>适合窗口(&amp;F)</translation>
    </message>
    <message>
        <source>Actual &amp;size (1:1)</source>
        <translation>实际大小 1:1(&amp;S)</translation>
    </message>
    <message>
        <source>&amp;B-scan at true shape (1:1 µm)</source>
        <translation>B 扫描真实比例（1:1 µm）(&amp;B)</translation>
    </message>
    <message>
        <source>Show &amp;heat map</source>
        <translation>显示热图(&amp;H)</translation>
    </message>
    <message>
        <source>Next heat &amp;map (Grad-CAM, class probabilities)</source>
        <translation>下一种热图（Grad-CAM、各类别概率）(&amp;M)</translation>
    </message>
    <message>
        <source>Modality: detect from image</source>
        <translation>成像方式：根据图像识别</translation>
    </message>
    <message>
        <source>Modality: fundus photo</source>
        <translation>成像方式：眼底照片</translation>
    </message>
    <message>
        <source>Modality: OCT scan</source>
        <translation>成像方式：OCT 扫描</translation>
    </message>
    <message>
        <source>&amp;Analyse case</source>
        <translation>分析病例(&amp;A)</translation>
    </message>
    <message>
        <source>&amp;Retrain from reviewed cases…</source>
        <translation>用已审核病例重新训练(&amp;R)…</translation>
    </message>
    <message>
        <source>Reader a&amp;greement…</source>
        <translation>阅片者一致性(&amp;G)…</translation>
    </message>
    <message>
        <source>&amp;Cancel analysis</source>
        <translation>取消分析(&amp;C)</translation>
    </message>
    <message>
        <source>&amp;Keyboard shortcuts</source>
        <translation>键盘快捷键(&amp;K)</translation>
    </message>
    <message>
        <source>&amp;About RetinaReview…</source>
        <translation>关于 RetinaReview(&amp;A)…</translation>
    </message>
    <message>
        <source>Canvas</source>
        <translation>画布</translation>
    </message>
    <message>
        <source>Pan</source>
        <translation>平移</translation>
    </message>
    <message>
        <source>Space+drag, middle drag, drag in Look mode (V)</source>
        <translation>空格+拖动、中键拖动、查看模式 (V) 下拖动</translation>
    </message>
    <message>
        <source>Zoom around the pointer</source>
        <translation>以指针为中心缩放</translation>
    </message>
    <message>
        <source>Mouse wheel</source>
        <translation>鼠标滚轮</translation>
    </message>
    <message>
        <source>Bare image while held (hide every overlay)</source>
        <translation>按住时只显示原图（隐藏所有叠加层）</translation>
    </message>
    <message>
        <source>Objects</source>
        <translation>对象</translation>
    </message>
    <message>
        <source>Tool options</source>
        <translation>工具选项</translation>
    </message>
    <message>
        <source>Findings</source>
        <translation>所见</translation>
    </message>
    <message>
        <source>Patient</source>
        <translation>患者</translation>
    </message>
    <message>
        <source>Show the next / previous object (selects its box)</source>
        <translation>显示下一个 / 上一个对象（选中其标注框）</translation>
    </message>
    <message>
        <source>Delete the selected objects</source>
        <translation>删除所选对象</translation>
    </message>
    <message>
        <source>Back to the canvas from a number box</source>
        <translation>从数值框回到画布</translation>
    </message>
    <message>
        <source>Back to the canvas from the findings text (F2 goes there)</source>
        <translation>从所见文本框回到画布（F2 进入该文本框）</translation>
    </message>
    <message>
        <source>Back to the canvas from a patient field (F3 goes there)</source>
        <translation>从患者信息栏回到画布（F3 进入该栏）</translation>
    </message>
    <message>
        <source>Undo / redo in the findings or a patient field: its own typing first, then the case&apos;s steps (redo in reverse order)</source>
        <translation>在所见或患者信息栏中撤销／重做：先本栏的输入，再病例的步骤（重做按相反顺序）</translation>
    </message>
    <message>
        <source>Other</source>
        <translation>其他</translation>
    </message>
</context>
<context>
    <name>AnnotationToolBar</name>
    <message>
        <source>Look</source>
        <translation>查看</translation>
    </message>
    <message>
        <source>No tool: look, pan (drag) and zoom (wheel)</source>
        <translation>不使用工具：查看、平移（拖动）和缩放（滚轮）</translation>
    </message>
    <message>
        <source>Brush</source>
        <translation>画笔</translation>
    </message>
    <message>
        <source>Brush; Shift+click draws a straight line from the last stroke</source>
        <translation>画笔；Shift+单击从上一笔画出直线</translation>
    </message>
    <message>
        <source>Eraser</source>
        <translation>橡皮擦</translation>
    </message>
    <message>
        <source>Eraser for the selected class</source>
        <translation>擦除所选类别</translation>
    </message>
    <message>
        <source>Magic</source>
        <translation>智能画笔</translation>
    </message>
    <message>
        <source>Magic brush: paints only where the AI probability reaches the threshold</source>
        <translation>智能画笔：只在 AI 概率达到阈值处涂画</translation>
    </message>
    <message>
        <source>Fill</source>
        <translation>填充</translation>
    </message>
    <message>
        <source>Fill a lesion by clicking it (colour tolerance); Ctrl+click removes</source>
        <translation>单击病灶填充（按颜色容差）；Ctrl+单击移除</translation>
    </message>
    <message>
        <source>Lasso</source>
        <translation>套索</translation>
    </message>
    <message>
        <source>Lasso fill; Ctrl+drag removes</source>
        <translation>套索填充；Ctrl+拖动移除</translation>
    </message>
    <message>
        <source>Polygon</source>
        <translation>多边形</translation>
    </message>
    <message>
        <source>Polygon fill: click corners, Enter or the first corner closes</source>
        <translation>多边形填充：单击各顶点，按 Enter 或单击第一个顶点闭合</translation>
    </message>
    <message>
        <source>Erase blob</source>
        <translation>擦除斑块</translation>
    </message>
    <message>
        <source>Erase the clicked connected lesion</source>
        <translation>擦除所单击的连通病灶</translation>
    </message>
    <message>
        <source>Box</source>
        <translation>标注框</translation>
    </message>
    <message>
        <source>Boxes: drag to draw, drag to move or resize, Del deletes, right-click for class</source>
        <translation>标注框：拖动绘制，拖动可移动或调整大小，Del 删除，右键选择类别</translation>
    </message>
    <message>
        <source>Ruler</source>
        <translation>标尺</translation>
    </message>
    <message>
        <source>Ruler: drag to measure a distance in µm and mm (an OCT scan by the pixel size its DICOM file records, a photo by the scale the analysis finds; pixels without one); not saved, Esc clears it</source>
        <translation>标尺：拖动以 µm 和 mm 测量距离（OCT 扫描按其 DICOM 文件记录的像素尺寸，照片按分析得出的比例尺；两者皆无时以像素计）；不保存，按 Esc 清除</translation>
    </message>
    <message>
        <source>Area</source>
        <translation>面积</translation>
    </message>
    <message>
        <source>Area in mm²: click a lesion or a box, or click the corners of a polygon (Enter closes, Shift+click adds a corner on a lesion); not saved, Esc clears it</source>
        <translation>面积（mm²）：单击病灶或标注框，或单击多边形各顶点（Enter 闭合，Shift+单击在病灶上添加顶点）；不保存，按 Esc 清除</translation>
    </message>
    <message>
        <source>Annotation tools</source>
        <translation>标注工具</translation>
    </message>
</context>
<context>
    <name>BScanBar</name>
    <message>
        <source>Readings disagree on B-scan(s) %1</source>
        <translation>两位阅片者在以下 B 扫描上意见不一：%1</translation>
    </message>
    <message>
        <source>Readings disagree on frame(s) %1</source>
        <translation>两位阅片者在以下帧上意见不一：%1</translation>
    </message>
    <message>
        <source>B-scan %1 / %2</source>
        <translation>B 扫描 %1 / %2</translation>
    </message>
    <message>
        <source>Frame %1 / %2</source>
        <translation>帧 %1 / %2</translation>
    </message>
</context>
<context>
    <name>BoxToolView</name>
    <message>
        <source>Difficult</source>
        <translation>困难样本</translation>
    </message>
    <message>
        <source>Duplicate box</source>
        <translation>复制标注框</translation>
    </message>
    <message>
        <source>Delete box</source>
        <translation>删除标注框</translation>
    </message>
</context>
<context>
    <name>CaseListWidget</name>
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
        <source>All states</source>
        <translation>全部状态</translation>
    </message>
    <message>
        <source>Errors</source>
        <translation>出错</translation>
    </message>
    <message>
        <source>Needs a second look ⚠</source>
        <translation>需复核 ⚠</translation>
    </message>
    <message>
        <source>Any grade or class</source>
        <translation>全部分级或类别</translation>
    </message>
    <message>
        <source>AI ≠ reader</source>
        <translation>AI ≠ 阅片者</translation>
    </message>
    <message>
        <source>Not graded</source>
        <translation>未分级</translation>
    </message>
    <message>
        <source>Any reading</source>
        <translation>任意阅片状态</translation>
    </message>
    <message>
        <source>Hidden for want of room: {columns}; drag the list&apos;s edge to show them</source>
        <translation>因空间不足而隐藏：{columns}；拖动列表边缘即可显示</translation>
    </message>
    <message>
        <source>{shown} of {total} cases shown · {done} done</source>
        <translation>显示 {shown}/{total} 个病例 · 已完成 {done} 个</translation>
    </message>
</context>
<context>
    <name>CaseTableModel</name>
    <message>
        <source>File</source>
        <translation>文件</translation>
    </message>
    <message>
        <source>State</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>AI</source>
        <translation>AI</translation>
    </message>
    <message>
        <source>Reader</source>
        <translation>阅片者</translation>
    </message>
    <message>
        <source>Patient</source>
        <translation>患者</translation>
    </message>
    <message>
        <source>Reading</source>
        <translation>阅片状态</translation>
    </message>
    <message>
        <source>to do</source>
        <translation>待阅片</translation>
    </message>
    <message>
        <source>in progress</source>
        <translation>阅片中</translation>
    </message>
    <message>
        <source>done</source>
        <translation>已完成</translation>
    </message>
    <message>
        <source>needs reader 1</source>
        <translation>待第一次阅片</translation>
    </message>
    <message>
        <source>needs reader 2</source>
        <translation>待第二次阅片</translation>
    </message>
    <message>
        <source>agreed</source>
        <translation>意见一致</translation>
    </message>
    <message>
        <source>needs arbitration</source>
        <translation>待仲裁</translation>
    </message>
    <message>
        <source>arbitrated</source>
        <translation>已仲裁</translation>
    </message>
    <message>
        <source>revised since arbitration</source>
        <translation>仲裁后已修改</translation>
    </message>
    <message>
        <source>error</source>
        <translation>错误</translation>
    </message>
    <message>
        <source>with readers</source>
        <translation>待阅片者完成</translation>
    </message>
    <message>
        <source>AI OCT class {ai} differs from reader OCT class {reader}</source>
        <translation>AI OCT 分类 {ai} 与阅片者 OCT 分类 {reader} 不一致</translation>
    </message>
    <message>
        <source>AI grade {ai} differs from reader grade {reader}</source>
        <translation>AI 分级 {ai} 与阅片者分级 {reader} 不一致</translation>
    </message>
    <message>
        <source>marked done with grade 0 (no DR) but {lesions} painted or boxed</source>
        <translation>已标记为完成，分级为 0（无明显糖尿病视网膜病变），却标注了 {lesions}</translation>
    </message>
    <message>
        <source>grade 0 (no DR) but {lesions} painted or boxed</source>
        <translation>分级为 0（无明显糖尿病视网膜病变），却标注了 {lesions}</translation>
    </message>
</context>
<context>
    <name>DateMarks</name>
    <message>
        <source>Not a date this program can read: write it YYYY-MM-DD (1958/3/12 and 1958年3月12日 are read too)</source>
        <translation>无法识别的日期：请按“年-月-日”填写，如 1958-03-12（也可写作 1958/3/12 或 1958年3月12日）</translation>
    </message>
</context>
<context>
    <name>HeatMapChoice</name>
    <message>
        <source>Not analysed yet.</source>
        <translation>尚未分析。</translation>
    </message>
    <message>
        <source>No Grad-CAM: no installed model explained this analysis.</source>
        <translation>无 Grad-CAM：没有已安装的模型为此次分析给出解释。</translation>
    </message>
    <message>
        <source>OCT B-scans have no lesion classes: only the Grad-CAM heat map applies.</source>
        <translation>OCT B 扫描没有病灶类别：只能显示 Grad-CAM 热图。</translation>
    </message>
    <message>
        <source>This analysis kept no probability maps (it was made before they were kept): analyse the case again (F5).</source>
        <translation>此次分析未保存概率图（分析早于保存概率图的版本）：请重新分析此病例（F5）。</translation>
    </message>
    <message>
        <source>This analysis has no probability map of this class: no source drew it.</source>
        <translation>此次分析没有该类别的概率图：没有任何来源绘制该类别。</translation>
    </message>
    <message>
        <source>Grad-CAM</source>
        <translation>Grad-CAM</translation>
    </message>
    <message>
        <source>{code} probability</source>
        <translation>{code} 概率</translation>
    </message>
    <message>
        <source>None shown: pick a map</source>
        <translation>未显示：请选择热图</translation>
    </message>
    <message>
        <source>Heat map</source>
        <translation>热图</translation>
    </message>
    <message>
        <source>Where the grading model looked (relative, 0 to 1)</source>
        <translation>分级模型关注的区域（相对值，0 到 1）</translation>
    </message>
    <message>
        <source>Probability of {name} at each pixel, as the analysis found it</source>
        <translation>分析得出的每个像素为{name}的概率</translation>
    </message>
    <message>
        <source>Grad-CAM: where the grading model looked (relative)</source>
        <translation>Grad-CAM：分级模型关注的区域（相对值）</translation>
    </message>
    <message>
        <source>Probability of {name}; the mask&apos;s threshold is not known</source>
        <translation>{name}概率；掩膜的阈值未知</translation>
    </message>
    <message>
        <source>Probability of {name}; the mask is cut at {threshold} (▲)</source>
        <translation>{name}概率；掩膜阈值为 {threshold}（▲）</translation>
    </message>
</context>
<context>
    <name>HistoryPanel</name>
    <message>
        <source>Add {cls} box</source>
        <translation>添加 {cls} 标注框</translation>
    </message>
    <message>
        <source>Duplicate {cls} box</source>
        <translation>复制 {cls} 标注框</translation>
    </message>
    <message>
        <source>Copy {count} box(es) from the previous case</source>
        <translation>从上一病例复制 {count} 个标注框</translation>
    </message>
    <message>
        <source>Delete box</source>
        <translation>删除标注框</translation>
    </message>
    <message>
        <source>Delete {count} objects</source>
        <translation>删除 {count} 个对象</translation>
    </message>
    <message>
        <source>Delete {cls} box</source>
        <translation>删除 {cls} 标注框</translation>
    </message>
    <message>
        <source>Move box</source>
        <translation>移动标注框</translation>
    </message>
    <message>
        <source>Resize box</source>
        <translation>调整标注框大小</translation>
    </message>
    <message>
        <source>Relabel box as {cls}</source>
        <translation>将标注框改为 {cls}</translation>
    </message>
    <message>
        <source>Relabel box {old} → {new}</source>
        <translation>标注框类别 {old} → {new}</translation>
    </message>
    <message>
        <source>Mark box difficult</source>
        <translation>将标注框标记为困难样本</translation>
    </message>
    <message>
        <source>Unmark box difficult</source>
        <translation>取消标注框的困难样本标记</translation>
    </message>
    <message>
        <source>Mark box truncated</source>
        <translation>将标注框标记为截断</translation>
    </message>
    <message>
        <source>Unmark box truncated</source>
        <translation>取消标注框的截断标记</translation>
    </message>
    <message>
        <source>Set box flags</source>
        <translation>设置标注框标记</translation>
    </message>
    <message>
        <source>Set grade</source>
        <translation>设置分级</translation>
    </message>
    <message>
        <source>Clear DR grade</source>
        <translation>清除 DR 分级</translation>
    </message>
    <message>
        <source>Clear DME risk</source>
        <translation>清除黄斑水肿风险</translation>
    </message>
    <message>
        <source>Clear referable</source>
        <translation>清除需转诊判定</translation>
    </message>
    <message>
        <source>Clear OCT class</source>
        <translation>清除 OCT 分类</translation>
    </message>
    <message>
        <source>Edit findings</source>
        <translation>编辑检查所见</translation>
    </message>
    <message>
        <source>Mark case to do</source>
        <translation>将病例标记为待阅片</translation>
    </message>
    <message>
        <source>Mark case in progress</source>
        <translation>将病例标记为阅片中</translation>
    </message>
    <message>
        <source>Mark case done</source>
        <translation>将病例标记为已完成</translation>
    </message>
    <message>
        <source>Edit patient details</source>
        <translation>编辑患者信息</translation>
    </message>
    <message>
        <source>Edit patient ID</source>
        <translation>编辑患者编号</translation>
    </message>
    <message>
        <source>Edit patient name</source>
        <translation>编辑患者姓名</translation>
    </message>
    <message>
        <source>Edit age</source>
        <translation>编辑年龄</translation>
    </message>
    <message>
        <source>Edit birth date</source>
        <translation>编辑出生日期</translation>
    </message>
    <message>
        <source>Edit sex</source>
        <translation>编辑性别</translation>
    </message>
    <message>
        <source>Edit eye</source>
        <translation>编辑眼别</translation>
    </message>
    <message>
        <source>Edit exam date</source>
        <translation>编辑检查日期</translation>
    </message>
    <message>
        <source>Mark as OCT</source>
        <translation>标记为 OCT</translation>
    </message>
    <message>
        <source>Mark as fundus</source>
        <translation>标记为眼底照片</translation>
    </message>
    <message>
        <source>Set AI result</source>
        <translation>设置 AI 结果</translation>
    </message>
    <message>
        <source>Clear AI result</source>
        <translation>清除 AI 结果</translation>
    </message>
    <message>
        <source>Paint {cls}</source>
        <translation>涂画 {cls}</translation>
    </message>
    <message>
        <source>Fill {cls} (tolerance {tolerance})</source>
        <translation>填充 {cls}（容差 {tolerance}）</translation>
    </message>
    <message>
        <source>Unfill {cls} (tolerance {tolerance})</source>
        <translation>取消填充 {cls}（容差 {tolerance}）</translation>
    </message>
    <message>
        <source>Fill {cls} lasso</source>
        <translation>套索填充 {cls}</translation>
    </message>
    <message>
        <source>Remove {cls} lasso</source>
        <translation>套索移除 {cls}</translation>
    </message>
    <message>
        <source>Fill {cls} polygon</source>
        <translation>多边形填充 {cls}</translation>
    </message>
    <message>
        <source>Remove {cls} polygon</source>
        <translation>多边形移除 {cls}</translation>
    </message>
    <message>
        <source>Erase {cls} component</source>
        <translation>擦除 {cls} 斑块</translation>
    </message>
    <message>
        <source>Delete {cls} lesion</source>
        <translation>删除 {cls} 病灶</translation>
    </message>
    <message>
        <source>Accept AI {cls} candidate</source>
        <translation>接受 AI {cls} 候选</translation>
    </message>
    <message>
        <source>Erase {cls} region</source>
        <translation>擦除 {cls} 区域</translation>
    </message>
    <message>
        <source>Erase {cls}</source>
        <translation>擦除 {cls}</translation>
    </message>
    <message>
        <source>Magic brush {cls}</source>
        <translation>智能画笔 {cls}</translation>
    </message>
    <message>
        <source>Magic erase {cls}</source>
        <translation>智能擦除 {cls}</translation>
    </message>
    <message>
        <source>Fill {cls}</source>
        <translation>填充 {cls}</translation>
    </message>
    <message>
        <source>Apply AI prediction</source>
        <translation>采用 AI 预测</translation>
    </message>
    <message>
        <source>Apply AI {classes}</source>
        <translation>采用 AI {classes}</translation>
    </message>
    <message>
        <source>Relabel {old} lesion as {new}</source>
        <translation>将 {old} 病灶改为 {new}</translation>
    </message>
    <message>
        <source>Boxes from masks ({count})</source>
        <translation>由掩膜生成标注框（{count}）</translation>
    </message>
    <message>
        <source>Reject AI {cls} candidate</source>
        <translation>拒绝 AI {cls} 候选</translation>
    </message>
    <message>
        <source>yes</source>
        <translation>是</translation>
    </message>
    <message>
        <source>DR grade {grade}</source>
        <translation>DR 分级 {grade}</translation>
    </message>
    <message>
        <source>DME risk {risk}</source>
        <translation>黄斑水肿风险 {risk}</translation>
    </message>
    <message>
        <source>referable {referable}</source>
        <translation>需转诊：{referable}</translation>
    </message>
    <message>
        <source>OCT class {oct}</source>
        <translation>OCT 分类 {oct}</translation>
    </message>
    <message>
        <source>no</source>
        <translation>否</translation>
    </message>
    <message>
        <source>none</source>
        <translation>无</translation>
    </message>
    <message>
        <source>Set {changes}</source>
        <translation>设置 {changes}</translation>
    </message>
    <message>
        <source>Import labels</source>
        <translation>导入标注</translation>
    </message>
    <message>
        <source>Arbitrate case</source>
        <translation>仲裁病例</translation>
    </message>
    <message>
        <source>Case as opened</source>
        <translation>打开时的病例</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>Marked done without your OCT class: choose it in the findings</source>
        <translation>已标记为完成，但您尚未记录 OCT 分类：请在检查所见中选择</translation>
    </message>
    <message>
        <source>Marked done without your DR grade: Ctrl+G and a digit records it</source>
        <translation>已标记为完成，但您尚未记录 DR 分级：按 Ctrl+G 再按数字即可记录</translation>
    </message>
    <message>
        <source>Saved {image}</source>
        <translation>已保存 {image}</translation>
    </message>
    <message>
        <source>{image} has no unsaved changes</source>
        <translation>{image} 没有未保存的更改</translation>
    </message>
    <message>
        <source>The AI is still analysing this scan: G takes its class once it is shown</source>
        <translation>AI 仍在分析此扫描：结果显示后按 G 即可采纳其分类</translation>
    </message>
    <message>
        <source>The AI is still analysing this case: G takes its grade once it is shown</source>
        <translation>AI 仍在分析本病例：结果显示后按 G 即可采纳其分级</translation>
    </message>
    <message>
        <source> (read-only)</source>
        <translation>（只读）</translation>
    </message>
    <message>
        <source>{name}, arbiter</source>
        <translation>{name}，仲裁者</translation>
    </message>
    <message>
        <source>{name}, reader</source>
        <translation>{name}，阅片者</translation>
    </message>
    <message>
        <source>Open a folder of retinal images: File ▸ Open folder (Ctrl+O), drop a folder or images here, or run</source>
        <translation>打开视网膜图像文件夹：文件 ▸ 打开文件夹 (Ctrl+O)，或将文件夹或图像拖放到此处，或运行</translation>
    </message>
</context>
<context>
    <name>MeasureToolView</name>
    <message>
        <source>{px:.1f} px</source>
        <translation>{px:.1f} 像素</translation>
    </message>
    <message>
        <source>{um:.0f} µm</source>
        <translation>{um:.0f} µm</translation>
    </message>
    <message>
        <source>{mm:.2f} mm ({um:.0f} µm)</source>
        <translation>{mm:.2f} mm（{um:.0f} µm）</translation>
    </message>
    <message>
        <source>{px:.0f} px²</source>
        <translation>{px:.0f} 平方像素</translation>
    </message>
    <message>
        <source>{mm:.4f} mm²</source>
        <translation>{mm:.4f} mm²</translation>
    </message>
    <message>
        <source>Distance</source>
        <translation>距离</translation>
    </message>
    <message>
        <source>Polygon area</source>
        <translation>多边形面积</translation>
    </message>
    <message>
        <source>Box area</source>
        <translation>标注框面积</translation>
    </message>
    <message>
        <source>{lesion} lesion area</source>
        <translation>{lesion} 病灶面积</translation>
    </message>
    <message>
        <source>scale {um:.2f} µm per pixel ({source})</source>
        <translation>比例尺 {um:.2f} µm/像素（{source}）</translation>
    </message>
    <message>
        <source>scale {across:.2f} µm across and {down:.2f} µm down per pixel ({source})</source>
        <translation>比例尺 每像素横向 {across:.2f} µm、纵向 {down:.2f} µm（{source}）</translation>
    </message>
    <message>
        <source>no scale: the scan&apos;s file records no pixel size, so the figure is in pixels</source>
        <translation>无比例尺：该扫描文件未记录像素尺寸，因此数值以像素为单位</translation>
    </message>
    <message>
        <source>no scale for this case yet (the AI analysis finds it from the optic disc), so the figure is in pixels</source>
        <translation>此病例尚无比例尺（AI 分析会根据视盘确定），因此数值以像素为单位</translation>
    </message>
    <message>
        <source>{what}: {figure}; {scale}.</source>
        <translation>{what}：{figure}；{scale}。</translation>
    </message>
    <message>
        <source>{measurement} Not saved; Esc clears it.</source>
        <translation>{measurement}不保存；按 Esc 清除。</translation>
    </message>
</context>
<context>
    <name>Minimap</name>
    <message>
        <source>Overview: click or drag to move the view</source>
        <translation>概览：单击或拖动以移动视图</translation>
    </message>
</context>
<context>
    <name>NoteBar</name>
    <message>
        <source>Close this note</source>
        <translation>关闭此提示</translation>
    </message>
</context>
<context>
    <name>NoticePage</name>
    <message>
        <source>Try again</source>
        <translation>重试</translation>
    </message>
    <message>
        <source>Read the file again (F5)</source>
        <translation>重新读取文件 (F5)</translation>
    </message>
    <message>
        <source>Open without the damaged file</source>
        <translation>跳过损坏的文件并打开</translation>
    </message>
    <message>
        <source>Keep a copy of the damaged file beside it and open the case&apos;s grade, boxes, findings and patient details without it: its painted mask, or the AI result to analyse again</source>
        <translation>在原处保留损坏文件的副本，不使用该文件打开病例的分级、标注框、所见和患者信息：将缺少其绘制的掩膜，或需重新分析的 AI 结果</translation>
    </message>
</context>
<context>
    <name>ObjectList</name>
    <message>
        <source>Kind</source>
        <translation>类型</translation>
    </message>
    <message>
        <source>Class</source>
        <translation>类别</translation>
    </message>
    <message>
        <source>Size</source>
        <translation>大小</translation>
    </message>
    <message>
        <source>Difficult</source>
        <translation>困难样本</translation>
    </message>
    <message>
        <source>{width}×{height} px</source>
        <translation>{width}×{height} 像素</translation>
    </message>
    <message>
        <source>{width}×{height} px, {area} px²</source>
        <translation>{width}×{height} 像素，{area} 平方像素</translation>
    </message>
    <message>
        <source>Box</source>
        <translation>标注框</translation>
    </message>
    <message>
        <source>Painted</source>
        <translation>涂画</translation>
    </message>
    <message>
        <source>yes</source>
        <translation>是</translation>
    </message>
    <message>
        <source>Delete</source>
        <translation>删除</translation>
    </message>
</context>
<context>
    <name>PatientPanel</name>
    <message>
        <source>not recorded</source>
        <translation>未记录</translation>
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
        <source>YYYY-MM-DD</source>
        <translation>年-月-日</translation>
    </message>
    <message>
        <source>Use</source>
        <translation>采用</translation>
    </message>
    <message>
        <source>Take the eye the AI suggests from the optic disc&apos;s side</source>
        <translation>采用 AI 根据视盘位置推断的眼别</translation>
    </message>
    <message>
        <source>Show or hide the patient&apos;s details</source>
        <translation>显示或隐藏患者详细信息</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>姓名</translation>
    </message>
    <message>
        <source>Patient ID</source>
        <translation>患者编号</translation>
    </message>
    <message>
        <source>Birth date</source>
        <translation>出生日期</translation>
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
        <source>Exam date</source>
        <translation>检查日期</translation>
    </message>
    <message>
        <source>AI: optic disc suggests {eye}</source>
        <translation>AI：视盘位置提示为{eye}</translation>
    </message>
    <message>
        <source>Same patient: {cases}</source>
        <translation>同一患者：{cases}</translation>
    </message>
</context>
<context>
    <name>QFileDialog</name>
    <message>
        <source>&amp;Look in:</source>
        <translation>查找范围(&amp;L)：</translation>
    </message>
    <message>
        <source>Files of &amp;type:</source>
        <translation>文件类型(&amp;T)：</translation>
    </message>
</context>
<context>
    <name>QFileSystemModel</name>
    <message>
        <source>Size</source>
        <translation>大小</translation>
    </message>
</context>
<context>
    <name>QLineEdit</name>
    <message>
        <source>&amp;Undo</source>
        <translation>撤销(&amp;U)</translation>
    </message>
</context>
<context>
    <name>QWidgetTextControl</name>
    <message>
        <source>&amp;Undo</source>
        <translation>撤销(&amp;U)</translation>
    </message>
</context>
<context>
    <name>ReadingSettingsBox</name>
    <message>
        <source>Reading</source>
        <translation>阅片</translation>
    </message>
    <message>
        <source>your name: the audit log, reports and double reading use it</source>
        <translation>用于审计日志、报告和双人阅片</translation>
    </message>
    <message>
        <source>&amp;Reader name</source>
        <translation>阅片者姓名(&amp;R)</translation>
    </message>
    <message>
        <source>&amp;Double reading: every case is read by two readers, disagreements go to an arbiter</source>
        <translation>双人阅片：每个病例由两名阅片者阅片，意见不一致时交由仲裁者(&amp;D)</translation>
    </message>
    <message>
        <source>&amp;Blind: a reader does not see the AI&apos;s result until they submit the case</source>
        <translation>盲法：阅片者提交病例之前看不到 AI 结果(&amp;B)</translation>
    </message>
    <message>
        <source>Two readings disagree when a lesion class&apos;s mask Dice or box F1 falls below this</source>
        <translation>某一病灶类别的掩膜 Dice 或标注框 F1 低于此值时，两次阅片视为不一致</translation>
    </message>
    <message>
        <source>names, separated by commas: they open the consensus</source>
        <translation>姓名以逗号分隔，由他们打开共识结果</translation>
    </message>
    <message>
        <source>Open a folder to choose how it is read.</source>
        <translation>打开文件夹后才能选择其阅片方式。</translation>
    </message>
    <message>
        <source>How the folder “{folder}” is read (kept in the folder, for all its readers):</source>
        <translation>文件夹“{folder}”的阅片方式（保存在该文件夹中，对其所有阅片者有效）：</translation>
    </message>
    <message>
        <source>D&amp;isagree below (Dice, F1)</source>
        <translation>不一致阈值（Dice、F1）(&amp;I)</translation>
    </message>
    <message>
        <source>&amp;Arbiters</source>
        <translation>仲裁者(&amp;A)</translation>
    </message>
</context>
<context>
    <name>SettingsDialog</name>
    <message>
        <source>Lesion segmentation</source>
        <translation>病灶分割</translation>
    </message>
    <message>
        <source>DR grade</source>
        <translation>糖尿病视网膜病变分级</translation>
    </message>
    <message>
        <source>Referable DR</source>
        <translation>需转诊糖尿病视网膜病变</translation>
    </message>
    <message>
        <source>OCT classification</source>
        <translation>OCT 分类</translation>
    </message>
    <message>
        <source>Optic disc</source>
        <translation>视盘</translation>
    </message>
    <message>
        <source>DR signs present</source>
        <translation>存在糖尿病视网膜病变征象</translation>
    </message>
    <message>
        <source>Lesion candidates (microaneurysms)</source>
        <translation>病灶候选点（微动脉瘤）</translation>
    </message>
    <message>
        <source>Lesion candidates (haemorrhages)</source>
        <translation>病灶候选区（出血）</translation>
    </message>
    <message>
        <source>Settings</source>
        <translation>设置</translation>
    </message>
    <message>
        <source>automatic</source>
        <translation>自动</translation>
    </message>
    <message>
        <source>De&amp;vice</source>
        <translation>计算设备(&amp;V)</translation>
    </message>
    <message>
        <source>A&amp;utosave after</source>
        <translation>自动保存延迟(&amp;U)</translation>
    </message>
    <message>
        <source>Anal&amp;yse a case when it is opened</source>
        <translation>打开病例时自动分析(&amp;Y)</translation>
    </message>
    <message>
        <source>&amp;Language</source>
        <translation>界面语言(&amp;L)</translation>
    </message>
    <message>
        <source>&amp;Models per task</source>
        <translation>各任务使用的模型(&amp;M)</translation>
    </message>
    <message>
        <source>Lesion classes: &amp;probability threshold</source>
        <translation>病灶类别：概率阈值(&amp;P)</translation>
    </message>
    <message>
        <source>Clinic &amp;name</source>
        <translation>机构名称(&amp;N)</translation>
    </message>
    <message>
        <source>Clinic addre&amp;ss</source>
        <translation>机构地址(&amp;S)</translation>
    </message>
    <message>
        <source>Clinic lo&amp;go</source>
        <translation>机构标志(&amp;G)</translation>
    </message>
    <message>
        <source>Brows&amp;e…</source>
        <translation>浏览…(&amp;E)</translation>
    </message>
    <message>
        <source>CJK &amp;font</source>
        <translation>中日韩字体(&amp;F)</translation>
    </message>
    <message>
        <source> s</source>
        <comment>seconds</comment>
        <translation> 秒</translation>
    </message>
    <message>
        <source>System language</source>
        <translation>跟随系统</translation>
    </message>
    <message>
        <source>The language changes when RetinaReview is started again.</source>
        <translation>重新启动 RetinaReview 后，界面语言才会更改。</translation>
    </message>
    <message>
        <source>(first installed)</source>
        <translation>（第一个已安装的）</translation>
    </message>
    <message>
        <source>{model} (not installed)</source>
        <translation>{model}（未安装）</translation>
    </message>
    <message>
        <source>Model folders that cannot be used:
{problems}</source>
        <translation>无法使用的模型文件夹：
{problems}</translation>
    </message>
    <message>
        <source>Reports</source>
        <translation>报告</translation>
    </message>
    <message>
        <source>none</source>
        <translation>无</translation>
    </message>
    <message>
        <source>found automatically</source>
        <translation>自动查找</translation>
    </message>
    <message>
        <source>Clinic logo</source>
        <translation>机构标志</translation>
    </message>
    <message>
        <source>Images (*.png *.jpg *.jpeg)</source>
        <translation>图像 (*.png *.jpg *.jpeg)</translation>
    </message>
    <message>
        <source>Font for Chinese, Japanese and Korean text</source>
        <translation>用于中文、日文和韩文的字体</translation>
    </message>
    <message>
        <source>Bro&amp;wse…</source>
        <translation>浏览…(&amp;W)</translation>
    </message>
    <message>
        <source>TrueType fonts (*.ttf *.ttc)</source>
        <translation>TrueType 字体 (*.ttf *.ttc)</translation>
    </message>
    <message>
        <source>Reading the report fonts…</source>
        <translation>正在读取报告字体…</translation>
    </message>
</context>
<context>
    <name>ShortcutsDialog</name>
    <message>
        <source>Keyboard shortcuts</source>
        <translation>键盘快捷键</translation>
    </message>
    <message>
        <source>Action</source>
        <translation>操作</translation>
    </message>
    <message>
        <source>Keys</source>
        <translation>按键</translation>
    </message>
</context>
<context>
    <name>ThresholdRow</name>
    <message>
        <source>model&apos;s own</source>
        <translation>模型自带</translation>
    </message>
    <message>
        <source>{source}; on photos whose field is under {size} px across: {other}</source>
        <translation>{source}；视野直径小于 {size} 像素的照片：{other}</translation>
    </message>
    <message>
        <source>{value} on the averaged map</source>
        <translation>平均概率图上为 {value}</translation>
    </message>
    <message>
        <source>model&apos;s own: {value}</source>
        <translation>模型自带：{value}</translation>
    </message>
    <message>
        <source>Set against the model&apos;s own {value}; moves with it when the models change.</source>
        <translation>按模型自带阈值 {value} 设置；更换模型时随之调整。</translation>
    </message>
    <message>
        <source>An absolute probability: it stays when the models change.</source>
        <translation>绝对概率：更换模型时保持不变。</translation>
    </message>
    <message>
        <source>No threshold applies to {cls} with these models ({source}): the threshold cuts a class only where a model&apos;s probability draws it.</source>
        <translation>使用这些模型时，{cls} 不受阈值影响（{source}）：阈值只作用于由模型概率绘制的类别。</translation>
    </message>
    <message>
        <source>On photos whose field is under {size} px across a threshold set here is moved onto the model&apos;s own there ({own}).</source>
        <translation>视野直径小于 {size} 像素的照片上，此处设置的阈值会按这些照片上模型自带的阈值（{own}）换算。</translation>
    </message>
    <message>
        <source>On photos whose field is under {size} px across it cuts at {value} (the model&apos;s own there: {own}).</source>
        <translation>视野直径小于 {size} 像素的照片上，阈值为 {value}（这些照片上模型自带：{own}）。</translation>
    </message>
    <message>
        <source>{value} where the field is under {size} px</source>
        <translation>视野直径小于 {size} 像素的照片上为 {value}</translation>
    </message>
    <message>
        <source>not drawn by these models</source>
        <translation>这些模型不绘制此类别</translation>
    </message>
    <message>
        <source>drawn by {model}, the threshold cutting their mean</source>
        <translation>由 {model} 绘制，阈值作用于二者的平均值</translation>
    </message>
    <message>
        <source>drawn by {model}</source>
        <translation>由 {model} 绘制</translation>
    </message>
</context>
<context>
    <name>ToolBarsShown</name>
    <message>
        <source>Hidden while an OCT scan is shown</source>
        <translation>显示 OCT 扫描时隐藏</translation>
    </message>
</context>
<context>
    <name>ToolOptionsBar</name>
    <message>
        <source>Tool options</source>
        <translation>工具选项</translation>
    </message>
    <message>
        <source> px</source>
        <translation> 像素</translation>
    </message>
    <message>
        <source>Brush size: the width it paints in image pixels (1 paints one pixel)  [ [ smaller, ] larger ]</source>
        <translation>画笔大小：所绘宽度（图像像素，1 即只画一个像素）  [ [ 缩小，] 放大 ]</translation>
    </message>
    <message>
        <source>Fill: how far a pixel&apos;s colour may differ from the clicked one</source>
        <translation>填充：像素颜色与单击处颜色允许相差的程度</translation>
    </message>
    <message>
        <source>AI&apos;s</source>
        <translation>AI 原值</translation>
    </message>
    <message>
        <source>Magic brush: paint where the AI&apos;s probability of the class is at least this.
AI&apos;s (the lowest): where the analysis found the class, at the model&apos;s own threshold, to the pixel.
A number: the probability map the analysis kept, in blocks (3x3 pixels on a 12-megapixel photo)</source>
        <translation>智能画笔：在 AI 对该类别的概率不低于此值处涂画。
AI 原值（最低一档）：分析找到该类别之处，即模型自身阈值下的掩膜，精确到像素。
数值：按分析保存的概率图，以块为单位（1200 万像素照片上为 3x3 像素）</translation>
    </message>
    <message>
        <source>How opaque the painted masks are drawn over the photo (0 % hides them)</source>
        <translation>掩膜叠加在照片上的不透明度（0 % 时隐藏掩膜）</translation>
    </message>
    <message>
        <source>Size</source>
        <translation>大小</translation>
    </message>
    <message>
        <source>Tolerance</source>
        <translation>容差</translation>
    </message>
    <message>
        <source>Threshold</source>
        <translation>阈值</translation>
    </message>
    <message>
        <source>Opacity</source>
        <translation>不透明度</translation>
    </message>
    <message>
        <source>Inside FOV</source>
        <translation>仅限视野内</translation>
    </message>
    <message>
        <source>Paint and fill only inside the photo&apos;s field of view (erasing is not limited)</source>
        <translation>只在照片视野（FOV）内涂画和填充（擦除不受限制）</translation>
    </message>
</context>
<context>
    <name>UnsavedEditsBox</name>
    <message>
        <source>Edits not saved</source>
        <translation>修改未保存</translation>
    </message>
    <message>
        <source>{count} more</source>
        <translation>另外 {count} 张照片</translation>
    </message>
    <message>
        <source>The edits of {photos} could be neither saved nor kept for recovery: closing now loses them.</source>
        <translation>{photos} 的修改既无法保存，也无法留作恢复：现在关闭将丢失这些修改。</translation>
    </message>
    <message>
        <source>&amp;Try again</source>
        <translation>重试(&amp;T)</translation>
    </message>
    <message>
        <source>Close &amp;without saving</source>
        <translation>不保存并关闭(&amp;W)</translation>
    </message>
</context>
</TS>
