<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>AgreedSettling</name>
    <message>
        <source>{image}: the readers&apos; agreement could not be stored as the consensus: {error}</source>
        <translation>{image}：无法将阅片者一致的结果保存为共识结果：{error}</translation>
    </message>
</context>
<context>
    <name>AgreementCommand</name>
    <message>
        <source>{folder}: folder not found</source>
        <translation>{folder}：找不到该文件夹</translation>
    </message>
    <message>
        <source>no reader {names} in this folder (readers: {readers})</source>
        <translation>本文件夹中没有阅片者 {names}（阅片者：{readers}）</translation>
    </message>
    <message>
        <source>none</source>
        <translation>无</translation>
    </message>
    <message>
        <source>{folder}: single reading, {readers} reader(s), {cases} case(s) with saved readings</source>
        <translation>{folder}：单人阅片，{readers} 位阅片者，{cases} 个病例有已保存的阅片结果</translation>
    </message>
    <message>
        <source>{folder}: double reading, {readers} reader(s), {cases} case(s) with saved readings</source>
        <translation>{folder}：双人阅片，{readers} 位阅片者，{cases} 个病例有已保存的阅片结果</translation>
    </message>
    <message>
        <source>the folder&apos;s labels</source>
        <translation>本文件夹的标注</translation>
    </message>
    <message>
        <source>{a} vs {b} ({cases} case(s) read by both)</source>
        <translation>{a} 对 {b}（双方均阅片的病例 {cases} 个）</translation>
    </message>
    <message>
        <source>DR grade   kappa (quadratic) {kappa}  exact agreement {exact}  ({cases} graded by both)</source>
        <translation>DR 分级      kappa（二次加权）{kappa}  完全一致率 {exact}  （双方均分级 {cases} 个）</translation>
    </message>
    <message>
        <source>ungradable to both readers {both}, to one only (the other graded it) {one}</source>
        <translation>两位阅片者均判为无法分级 {both} 个，仅一位判为无法分级（另一位已分级）{one} 个</translation>
    </message>
    <message>
        <source>DME risk   kappa (quadratic) {kappa}  exact agreement {exact}  ({cases} graded by both)</source>
        <translation>黄斑水肿风险  kappa（二次加权）{kappa}  完全一致率 {exact}  （双方均分级 {cases} 个）</translation>
    </message>
    <message>
        <source>referable  agreement {agreement}  kappa {kappa}</source>
        <translation>需转诊      一致率 {agreement}  kappa {kappa}</translation>
    </message>
    <message>
        <source>OCT class  kappa {kappa}  exact agreement {exact}  ({cases} classed by both)</source>
        <translation>OCT 分类    kappa {kappa}  完全一致率 {exact}  （双方均分类 {cases} 个）</translation>
    </message>
    <message>
        <source>lesions    {figures}</source>
        <translation>病灶        {figures}</translation>
    </message>
    <message>
        <source>{lesion} Dice {dice} F1 {f1}</source>
        <translation>{lesion} Dice {dice} F1 {f1}</translation>
    </message>
    <message>
        <source>AI vs {reader} as reference: grade kappa {kappa} exact {exact} ({graded}); referable sensitivity {sensitivity} specificity {specificity} ({referable})</source>
        <translation>AI 对 {reader}（参考）：分级 kappa {kappa}，完全一致 {exact}（{graded}）；需转诊 敏感度 {sensitivity}，特异度 {specificity}（{referable}）</translation>
    </message>
    <message>
        <source>AI vs consensus as reference: grade kappa {kappa} exact {exact} ({graded}); referable agreement {agreement} kappa {referable_kappa} sensitivity {sensitivity} specificity {specificity} ({referable}); {unsettled} photo(s) without a consensus yet</source>
        <translation>AI 对共识结果（参考）：分级 kappa {kappa}，完全一致 {exact}（{graded}）；需转诊 一致率 {agreement}，kappa {referable_kappa}，敏感度 {sensitivity}，特异度 {specificity}（{referable}）；{unsettled} 张照片尚无共识结果</translation>
    </message>
    <message>
        <source>ungradable to both {both}, to the reference only (the AI graded it) {reference}, to the AI only (the reference graded it) {ai}</source>
        <translation>双方均无法分级 {both}，仅参考方无法分级（AI 已分级）{reference}，仅 AI 无法分级（参考方已分级）{ai}</translation>
    </message>
    <message>
        <source>{scale}: {a} vs {b} (kappa {kappa})</source>
        <translation>{scale}：{a} 对 {b}（kappa {kappa}）</translation>
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
        <source>{reader} (rows)</source>
        <translation>{reader}（行）</translation>
    </message>
    <message>
        <source>{reader} (columns)</source>
        <translation>{reader}（列）</translation>
    </message>
    <message>
        <source>consensus</source>
        <translation>共识结果</translation>
    </message>
    <message>
        <source>AI</source>
        <translation>AI</translation>
    </message>
    <message>
        <source>wrote {path}</source>
        <translation>已写入 {path}</translation>
    </message>
</context>
<context>
    <name>AgreementController</name>
    <message>
        <source>Open a folder first: agreement compares its readers.</source>
        <translation>请先打开一个文件夹：一致性分析比较的是其中各阅片者的结果。</translation>
    </message>
    <message>
        <source>Reader agreement cancelled.</source>
        <translation>阅片者一致性计算已取消。</translation>
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
        <translation>需转诊一致率</translation>
    </message>
    <message>
        <source>Referable κ</source>
        <translation>需转诊 κ</translation>
    </message>
    <message>
        <source>DME κ (quadratic)</source>
        <translation>黄斑水肿风险 κ（二次加权）</translation>
    </message>
    <message>
        <source>Only the cases {reader} submitted count: blind reading shows a reader the other readings of a case once they submit it</source>
        <translation>仅统计 {reader} 已提交的病例：盲法阅片中，阅片者提交病例后才能看到其他阅片者对该病例的阅片结果</translation>
    </message>
    <message>
        <source>Ungradable to both</source>
        <translation>双方均无法分级</translation>
    </message>
    <message>
        <source>Ungradable to one</source>
        <translation>一方无法分级</translation>
    </message>
    <message>
        <source>DME exact</source>
        <translation>黄斑水肿风险完全一致</translation>
    </message>
    <message>
        <source>OCT class κ</source>
        <translation>OCT 分类 κ</translation>
    </message>
    <message>
        <source>OCT class exact</source>
        <translation>OCT 分类完全一致</translation>
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
        <source>Ungradable to the reader only</source>
        <translation>仅阅片者无法分级</translation>
    </message>
    <message>
        <source>Referable cases</source>
        <translation>需转诊病例</translation>
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
        <source>&amp;Readers</source>
        <translation>阅片者(&amp;R)</translation>
    </message>
    <message>
        <source>&amp;Finding</source>
        <translation>比较项目(&amp;F)</translation>
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
        <source>Read by one reader: there is no second reading to compare its labels with, only the AI below.</source>
        <translation>单人阅片：没有第二份阅片结果可与其标注比较，下方仅与 AI 比较。</translation>
    </message>
    <message>
        <source>The consensus as the reference, the AI as the test</source>
        <translation>以共识结果为参考，AI 为被测</translation>
    </message>
    <message>
        <source>Each reader as the reference, the AI as the test</source>
        <translation>以每位阅片者为参考，AI 为被测</translation>
    </message>
    <message>
        <source>the folder&apos;s labels</source>
        <translation>本文件夹的标注</translation>
    </message>
    <message>
        <source>Confusion between two readers</source>
        <translation>两位阅片者之间的混淆矩阵</translation>
    </message>
    <message>
        <source>rows: {a}; columns: {b}</source>
        <translation>行：{a}；列：{b}</translation>
    </message>
    <message>
        <source>Dice</source>
        <translation>Dice</translation>
    </message>
    <message>
        <source>Box F1</source>
        <translation>框 F1</translation>
    </message>
    <message>
        <source>Between readers</source>
        <translation>阅片者之间</translation>
    </message>
    <message>
        <source>Dice and F1 pooled over cases, boxes matched at IoU 0.5</source>
        <translation>Dice 与 F1 按全部病例汇总，框按 IoU 0.5 匹配</translation>
    </message>
    <message>
        <source>Ungradable to the consensus only</source>
        <translation>仅共识结果无法分级</translation>
    </message>
    <message>
        <source>AI referable agreement</source>
        <translation>AI 需转诊一致率</translation>
    </message>
    <message>
        <source>AI referable κ</source>
        <translation>AI 需转诊 κ</translation>
    </message>
    <message>
        <source>No consensus yet</source>
        <translation>尚无共识结果</translation>
    </message>
    <message>
        <source>Ungradable to the AI only</source>
        <translation>仅 AI 无法分级</translation>
    </message>
    <message>
        <source>Not defined: both sides gave every case the same one category, so agreement by chance is already total (kappa is 0/0); see the exact agreement.</source>
        <translation>无定义：双方对每个病例都给出同一个类别，偶然一致已是全部（kappa 为 0/0）；请看完全一致率。</translation>
    </message>
</context>
<context>
    <name>AgreementHelp</name>
    <message>
        <source>agreement between a folder&apos;s readers and with the AI (kappa, Dice, F1)</source>
        <translation>文件夹内阅片者之间及与 AI 的一致性（kappa、Dice、F1）</translation>
    </message>
    <message>
        <source>Quadratic-weighted Cohen&apos;s kappa and exact agreement for the DR grade, agreement on referable, Cohen&apos;s kappa for the OCT class, per-class pixel Dice and box F1 at IoU 0.5 between every two readers, and each reader against the AI (sensitivity and specificity for referable, kappa for the grade); in double reading the consensus (agreed or arbitrated) against the AI too, cases with no consensus yet left out and counted. In double reading only submitted readings count.</source>
        <translation>计算每两位阅片者之间的 DR 分级二次加权 Cohen kappa 与完全一致率、需转诊一致率、OCT 类别的 Cohen kappa、各类别像素 Dice 及 IoU 0.5 下的标注框 F1，以及每位阅片者与 AI 的对比（需转诊的敏感度和特异度、分级 kappa）；双人阅片时还计算共识结果（一致或经仲裁）与 AI 的对比，尚无共识结果的病例不计入并单独计数。双人阅片时只计入已提交的阅片结果。</translation>
    </message>
    <message>
        <source>compare only these readers (default: every reader of the folder)</source>
        <translation>只比较这些阅片者（默认：文件夹的所有阅片者）</translation>
    </message>
    <message>
        <source>also write agreement.json and, per pair of readers, a confusion matrix PNG for the DR grade, one for the DME risk and one for the OCT class, each where they have cases on it, and in double reading one for the DR grade of the consensus against the AI</source>
        <translation>同时写入 agreement.json，并为每对阅片者写入 DR 分级、黄斑水肿风险和 OCT 类别的混淆矩阵 PNG（各自在有相应病例时写入）；双人阅片时另写一张共识结果与 AI 的 DR 分级混淆矩阵</translation>
    </message>
    <message>
        <source>replace files already in DIR that this command did not write (one an earlier run wrote and someone changed since is kept beside, renamed NAME.edited-TIME), and remove an earlier run&apos;s pictures of pairs no longer compared</source>
        <translation>替换 DIR 中已有、并非本命令写入的文件（先前运行写入后又被人修改的文件会保留在旁边，改名为 NAME.edited-TIME），并删除先前运行中不再比较的阅片者对的图片</translation>
    </message>
</context>
<context>
    <name>AgreementProgress</name>
    <message>
        <source>Reader agreement</source>
        <translation>阅片者一致性</translation>
    </message>
    <message>
        <source>Comparing the readers&apos; readings in {folder}…</source>
        <translation>正在比较 {folder} 中各阅片者的阅片结果…</translation>
    </message>
</context>
<context>
    <name>AnalysisActions</name>
    <message>
        <source>Blind reading: the AI&apos;s result is shown once you submit this case (mark it done).</source>
        <translation>盲法阅片：提交此病例（标记为已完成）后才显示 AI 结果。</translation>
    </message>
    <message>
        <source>Analysis of {case} failed: {error}</source>
        <translation>{case} 分析失败：{error}</translation>
    </message>
    <message>
        <source>Analysis failed: {error}</source>
        <translation>分析失败：{error}</translation>
    </message>
    <message>
        <source>Cannot analyse this case: {reason}</source>
        <translation>无法分析此病例：{reason}</translation>
    </message>
    <message>
        <source>Counting the cases to analyse…</source>
        <translation>正在统计待分析的病例…</translation>
    </message>
    <message>
        <source>{analysed} of {total} cases already have an AI result. Analyse only the {new} without one, or all {total} again?</source>
        <translation>{total} 个病例中已有 {analysed} 个有 AI 结果。只分析没有结果的 {new} 个，还是重新分析全部 {total} 个？</translation>
    </message>
    <message>
        <source>Only the {new} new</source>
        <translation>只分析新的 {new} 个</translation>
    </message>
    <message>
        <source>All {total} again</source>
        <translation>重新分析全部 {total} 个</translation>
    </message>
    <message>
        <source>All {total} cases already have an AI result. Analyse them all again?</source>
        <translation>全部 {total} 个病例都已有 AI 结果。要全部重新分析吗？</translation>
    </message>
    <message>
        <source>Analyse all is running: {analysed} of {total} cases analysed so far, and it comes to this case in its turn. Stop it to analyse this case now? Its results are kept, and Analyse all run again offers to analyse only the others.</source>
        <translation>全部分析正在进行：已分析 {total} 个病例中的 {analysed} 个，轮到本病例时也会分析它。要停止全部分析并立即分析本病例吗？已得出的结果会保留；再次运行全部分析时可选择只分析其余病例。</translation>
    </message>
    <message>
        <source>Analyse all is running: {analysed} of {total} cases analysed so far. Stop it to analyse this case now? Its results are kept, and Analyse all run again offers to analyse only the others.</source>
        <translation>全部分析正在进行：已分析 {total} 个病例中的 {analysed} 个。要停止全部分析并立即分析本病例吗？已得出的结果会保留；再次运行全部分析时可选择只分析其余病例。</translation>
    </message>
    <message>
        <source>Analyse case</source>
        <translation>分析病例</translation>
    </message>
    <message>
        <source>{outdated} of the results were made by models the analysis no longer uses.</source>
        <translation>其中 {outdated} 个结果由分析已不再使用的模型生成。</translation>
    </message>
    <message>
        <source>The {new} new and the {outdated} of other models</source>
        <translation>分析新的 {new} 个及其他模型生成的 {outdated} 个</translation>
    </message>
    <message>
        <source>Only the {outdated} of other models</source>
        <translation>只分析其他模型生成的 {outdated} 个</translation>
    </message>
    <message>
        <source>Analyse again</source>
        <translation>重新分析</translation>
    </message>
    <message>
        <source>Analyse all</source>
        <translation>全部分析</translation>
    </message>
    <message>
        <source>No case to analyse</source>
        <translation>没有需要分析的病例</translation>
    </message>
    <message>
        <source>Analysing {count} case(s), each B-scan of {volumes} OCT volume(s) and each frame of {series} multi-frame photo(s) one of them</source>
        <translation>正在分析 {count} 个病例，其中 {volumes} 个 OCT 容积的每个 B 扫描、{series} 张多帧照片的每一帧各算一个</translation>
    </message>
    <message>
        <source>Analysing {count} case(s), each B-scan of {volumes} OCT volume(s) one of them</source>
        <translation>正在分析 {count} 个病例，其中 {volumes} 个 OCT 容积的每个 B 扫描各算一个</translation>
    </message>
    <message>
        <source>Analysing {count} case(s), each frame of {series} multi-frame photo(s) one of them</source>
        <translation>正在分析 {count} 个病例，其中 {series} 张多帧照片的每一帧各算一个</translation>
    </message>
    <message>
        <source>Analysing {count} case(s)</source>
        <translation>正在分析 {count} 个病例</translation>
    </message>
    <message>
        <source>progress and Cancel are in the status bar.</source>
        <translation>进度和“取消”按钮在状态栏中。</translation>
    </message>
    <message>
        <source>Analyse all is already running: {analysed} of {total} cases analysed so far; progress and Cancel are in the status bar.</source>
        <translation>全部分析已在进行：已分析 {total} 个病例中的 {analysed} 个；进度和“取消”按钮在状态栏中。</translation>
    </message>
    <message>
        <source>{count} left out because their files cannot be read (opening one reads it again)</source>
        <translation>{count} 个病例的文件无法读取，未纳入分析（打开病例即会重新读取）</translation>
    </message>
    <message>
        <source>Closing {folder} stopped its Analyse all: {count} case(s) analysed</source>
        <translation>关闭 {folder} 时其全部分析已停止：已分析 {count} 个病例</translation>
    </message>
    <message>
        <source>Analyse all of {folder} done: {count} case(s) analysed</source>
        <translation>{folder} 的全部分析完成：已分析 {count} 个病例</translation>
    </message>
    <message>
        <source>Analyse all cancelled: {count} case(s) analysed</source>
        <translation>全部分析已取消：已分析 {count} 个病例</translation>
    </message>
    <message>
        <source>Analyse all done: {count} case(s) analysed</source>
        <translation>全部分析完成：已分析 {count} 个病例</translation>
    </message>
    <message>
        <source>{count} with warnings, shown in each case&apos;s findings</source>
        <translation>{count} 个有警告，见各病例的所见</translation>
    </message>
    <message>
        <source>{count} failed</source>
        <translation>{count} 个失败</translation>
    </message>
</context>
<context>
    <name>AnalysisClosing</name>
    <message>
        <source>Analyse all is running: {analysed} of {total} cases analysed so far. Stop it and close {folder}? Their results are kept, and Analyse all run again offers to analyse only the others.</source>
        <translation>正在全部分析：{total} 个病例中已分析 {analysed} 个。要停止分析并关闭 {folder} 吗？已有的结果会保留，再次运行全部分析时可只分析其余病例。</translation>
    </message>
    <message>
        <source>Analyse all</source>
        <translation>全部分析</translation>
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
        <source>rescoring lesion candidates</source>
        <translation>正在为候选病灶重新评分</translation>
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
        <translation>正在判断是否需转诊</translation>
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
        <source>loading the AI models…</source>
        <translation>正在加载 AI 模型…</translation>
    </message>
    <message>
        <source>{image}: analysing</source>
        <translation>{image}：正在分析</translation>
    </message>
    <message>
        <source>analysis done</source>
        <translation>分析完成</translation>
    </message>
    <message>
        <source>{image}: {step}</source>
        <translation>{image}：{step}</translation>
    </message>
</context>
<context>
    <name>AnalysisMessages</name>
    <message>
        <source>unknown device {name}; use one of {choices}</source>
        <translation>未知设备 {name}；请使用以下之一：{choices}</translation>
    </message>
    <message>
        <source>device &apos;cuda&apos; requested but no CUDA GPU is available; {advice}</source>
        <translation>请求了设备 &apos;cuda&apos;，但没有可用的 CUDA GPU；{advice}</translation>
    </message>
    <message>
        <source>device &apos;mps&apos; requested but Apple MPS is not available; {advice}</source>
        <translation>请求了设备 &apos;mps&apos;，但 Apple MPS 不可用；{advice}</translation>
    </message>
    <message>
        <source>use --device auto or cpu</source>
        <translation>请使用 --device auto 或 cpu</translation>
    </message>
    <message>
        <source>set Device to automatic or cpu in Settings (File menu)</source>
        <translation>请在“设置”（文件菜单）中将“计算设备”设为“自动”或 cpu</translation>
    </message>
    <message>
        <source>the image is {width}x{height} pixels, more than the {limit} megapixels analysed at once: it was analysed at {work_width}x{work_height} and the results scaled back</source>
        <translation>图像为 {width}x{height} 像素，超过一次可分析的 {limit} 百万像素：已按 {work_width}x{work_height} 分析，结果再缩放回原尺寸</translation>
    </message>
    <message>
        <source>the file is a TIFF of {pages} pages, which opens as one picture: only its first page was analysed (a multi-frame DICOM file opens frame by frame, a TIFF page by page only where every page is grey and of one size); save the volume as DICOM, or each page as an image of its own, to analyse every page</source>
        <translation>该文件是 {pages} 页的 TIFF，打开时只作为一张图像：只分析了其第一页（多帧 DICOM 文件逐帧打开，TIFF 仅在每一页均为灰度且尺寸相同时才逐页打开）；请将该容积另存为 DICOM，或将每一页另存为单独的图像，以分析每一页</translation>
    </message>
    <message>
        <source>out of {device} memory; this job continues on the CPU</source>
        <translation>{device} 内存不足；此任务改在 CPU 上继续</translation>
    </message>
    <message>
        <source>internal error ({error}); please report it</source>
        <translation>内部错误（{error}）；请报告此问题</translation>
    </message>
    <message>
        <source>not enough memory to analyse the image; close other programs and analyse it again</source>
        <translation>内存不足，无法分析该图像；请关闭其他程序后重新分析</translation>
    </message>
</context>
<context>
    <name>AnalyzeCommand</name>
    <message>
        <source>give --out DIR, --workspace FOLDER or both: the results need somewhere to go</source>
        <translation>请给出 --out DIR、--workspace FOLDER 或两者：结果需要有存放之处</translation>
    </message>
    <message>
        <source>analyze runs as one process, and torchrun started {count}, each of which would analyse every photo: run it without torchrun, with --engine ray to share the photos out to processes or machines</source>
        <translation>analyze 以单个进程运行，而 torchrun 启动了 {count} 个进程，每个都会分析全部照片：请不经 torchrun 运行它，要把照片分给多个进程或多台机器，请用 --engine ray</translation>
    </message>
    <message>
        <source>{options}: options of --engine ray; this run is local (add --engine ray)</source>
        <translation>{options}：这些是 --engine ray 的选项；本次运行为本机运行（请加上 --engine ray）</translation>
    </message>
    <message>
        <source>--cam-grade chooses the grade the heat map explains, and this run keeps no heat map (add cam to --outputs, or give --workspace FOLDER)</source>
        <translation>--cam-grade 选择热图所解释的分级，而本次运行不保留热图（请在 --outputs 中加入 cam，或给出 --workspace FOLDER）</translation>
    </message>
    <message>
        <source>no images to analyse (supported: .jpg .jpeg .png .tif .tiff .bmp, DICOM)</source>
        <translation>没有可分析的图像（支持：.jpg .jpeg .png .tif .tiff .bmp、DICOM）</translation>
    </message>
    <message>
        <source>{error} ({count} of these images were finished there by an earlier run: --resume analyses only the others)</source>
        <translation>{error}（其中 {count} 张图像已由之前的运行完成：--resume 只分析其余图像）</translation>
    </message>
    <message>
        <source>the Ray cluster could not run the batch ({error})</source>
        <translation>Ray 集群无法运行此批次（{error}）</translation>
    </message>
    <message>
        <source>{folder}: no images in this folder</source>
        <translation>{folder}：此文件夹中没有图像</translation>
    </message>
    <message>
        <source>{folder}: its {count} image(s) are lesion masks of the photos named, their label files: not analysed</source>
        <translation>{folder}：其中 {count} 个图像是一同给出的照片的病灶掩膜（即其标注文件），不予分析</translation>
    </message>
    <message>
        <source>{folder}: these are lesion masks of the photos in {photos}, not photos; name {photos} to analyse the photos</source>
        <translation>{folder}：这些是 {photos} 中照片的病灶掩膜，不是照片；请指定 {photos} 来分析这些照片</translation>
    </message>
    <message>
        <source>{folder}: the {count} image(s) named there ({files}) are lesion masks of the photos in {photos}, not photos; name {photos} to analyse the photos</source>
        <translation>{folder}：其中指定的 {count} 张图像（{files}）是 {photos} 中照片的病灶掩膜，不是照片；请指定 {photos} 来分析这些照片</translation>
    </message>
    <message>
        <source>{path}: not an image file, skipped</source>
        <translation>{path}：不是图像文件，已跳过</translation>
    </message>
    <message>
        <source>{path}: not found</source>
        <translation>{path}：未找到</translation>
    </message>
    <message>
        <source>{folder}: {count} image(s) in its sub-folders are not analysed ({names}); name each sub-folder to analyse its images too</source>
        <translation>{folder}：其子文件夹中的 {count} 张图像未分析（{names}）；如需一并分析，请逐个给出子文件夹</translation>
    </message>
    <message>
        <source>{folder}: the {count} image(s) in its sub-folders ({names}) are lesion masks of the photos in {photos}, not photos; name {photos} to analyse the photos</source>
        <translation>{folder}：其子文件夹（{names}）中的 {count} 张图像是 {photos} 中照片的病灶掩膜，不是照片；请指定 {photos} 来分析这些照片</translation>
    </message>
    <message>
        <source>{count} images finished by an earlier run lack outputs asked for now ({outputs}): they are analysed again and their earlier files replaced</source>
        <translation>之前运行完成的 {count} 张图像缺少本次要求的输出（{outputs}）：将重新分析，并替换其之前的文件</translation>
    </message>
    <message>
        <source>{count} of {total} images already have an AI result in {workspace}; they are analysed again (--resume analyses only the others)</source>
        <translation>{total} 张图像中已有 {count} 张在 {workspace} 中有 AI 结果；将重新分析（--resume 只分析其余图像）</translation>
    </message>
    <message>
        <source>{count} of {total} images were finished by an earlier run and are skipped (--resume); analysing the other {todo}</source>
        <translation>{total} 张图像中有 {count} 张已由之前的运行完成，已跳过（--resume）；正在分析其余 {todo} 张</translation>
    </message>
    <message>
        <source>{count} image(s) are analysed as the fundus photos their cases record, not as --oct says (View &gt; Modality in the window changes a case&apos;s)</source>
        <translation>{count} 张图像按其病例记录的眼底照片分析，而不是按 --oct 所指定的（可在窗口的“视图 &gt; 模态”中更改病例的模态）</translation>
    </message>
    <message>
        <source>loading the models…</source>
        <translation>正在加载模型…</translation>
    </message>
    <message>
        <source>No learned model installed (searched {folders}): reporting image quality and field of view, lesion candidates from the classical detector and a grade from ICDR rules only.</source>
        <translation>未安装学习模型（已搜索 {folders}）：只报告图像质量和视野范围、经典检测器给出的候选病灶，以及按 ICDR 规则得出的分级。</translation>
    </message>
    <message>
        <source>models: {models}; device: {device}</source>
        <translation>模型：{models}；计算设备：{device}</translation>
    </message>
    <message>
        <source>Every image is an OCT scan and no OCT model is installed (retina-review train oct): their quality is checked, no model is loaded.</source>
        <translation>所有图像均为 OCT 扫描，且未安装 OCT 模型（retina-review train oct）：仅检查其图像质量，不加载任何模型。</translation>
    </message>
    <message>
        <source>{name} ({task})</source>
        <translation>{task} {name}</translation>
    </message>
    <message>
        <source>each Ray worker</source>
        <translation>各 Ray 工作进程</translation>
    </message>
    <message>
        <source>--cam-grade has no effect: no DR grade model is installed (a heat map, where one is drawn, shows where the lesions-present model found signs of retinopathy)</source>
        <translation>--cam-grade 无效：未安装 DR 分级模型（若绘制热图，热图显示的是“有无病灶”模型发现视网膜病变迹象的位置）</translation>
    </message>
    <message>
        <source>--tiled segments lesions at twice the resolution, which these were not trained or tuned for: {networks}; expect worse masks (docs/models.md: the shipped lesion model&apos;s validation Dice falls, SE 0.48 -&gt; 0.15)</source>
        <translation>--tiled 以两倍分辨率分割病灶，而以下网络并未为此训练或调校：{networks}；掩膜会变差（见 docs/models.md：随附病灶模型的验证 Dice 下降，SE 0.48 -&gt; 0.15）</translation>
    </message>
    <message>
        <source>{name} (trained at {size} px)</source>
        <translation>{name}（训练尺寸 {size} px）</translation>
    </message>
    <message>
        <source>{model}&apos;s member {member}</source>
        <translation>{model} 的成员 {member}</translation>
    </message>
    <message>
        <source>{name} (its threshold chosen on the untiled map it averages with)</source>
        <translation>{name}（其阈值是在与之平均的非分块概率图上选定的）</translation>
    </message>
</context>
<context>
    <name>AnalyzeHelp</name>
    <message>
        <source>run the models on images and write grade, findings, masks, overlays and heat maps</source>
        <translation>在图像上运行模型并写出分级、检查所见、掩膜、叠加图和热图</translation>
    </message>
    <message>
        <source>Analyse fundus photos and OCT scans, on this machine or on a Ray cluster, into an output folder (--out) and/or as the AI results of a workspace&apos;s cases (--workspace). Without learned models it still reports quality and field of view.</source>
        <translation>在本机或 Ray 集群上分析眼底照片和 OCT 扫描，结果写入输出文件夹（--out）和/或作为工作区病例的 AI 结果（--workspace）。没有学习模型时仍会报告图像质量和视野。</translation>
    </message>
    <message>
        <source>image files, or folders whose images (not sub-folders) are analysed</source>
        <translation>图像文件，或要分析其中图像（不含子文件夹）的文件夹</translation>
    </message>
    <message>
        <source>where to write the files --outputs names (created if needed)</source>
        <translation>写入 --outputs 所列文件的位置（需要时创建）</translation>
    </message>
    <message>
        <source>what to write per image, comma-separated: json (STEM.json: grade, probabilities, referable, quality, findings, models with sha256, timings), mask (STEM_mask.png: palette PNG of the image&apos;s size, pixel = class number 1 MA .. 5 OD, or 32 + the bit-per-class value where classes overlap; lossless), overlay (STEM_overlay.jpg: masks over the photo, at most 2048 px), cam (STEM_cam.jpg: Grad-CAM over the photo, at most 2048 px), probabilities (STEM_prob_MA.png .. _OD: 8-bit grey maps of the image&apos;s size, value = round(255 x probability)). Default: json,mask (about 0.1 MB per 12-megapixel photo)</source>
        <translation>每张图像要写出的内容，以逗号分隔：json（STEM.json：分级、概率、是否需转诊、质量、检查所见、带 sha256 的模型、耗时）、mask（STEM_mask.png：与图像同尺寸的调色板 PNG，像素值 = 类别编号 1 MA .. 5 OD，类别重叠处为 32 + 按类别位组合的值；无损）、overlay（STEM_overlay.jpg：照片上叠加掩膜，最大 2048 像素）、cam（STEM_cam.jpg：照片上叠加 Grad-CAM，最大 2048 像素）、probabilities（STEM_prob_MA.png .. _OD：与图像同尺寸的 8 位灰度图，值 = round(255 x 概率)）。默认：json,mask（每张 1200 万像素照片约 0.1 MB）</translation>
    </message>
    <message>
        <source>store each result as the AI result of the image&apos;s case in this opened folder, as the window&apos;s analysis does (the images must be among its cases); each B-scan of an OCT volume is analysed and stored in its own case, as the window&apos;s Analyse all does, and with --out writes its own files, STEM_bNNN.* (oct_b001.json for B-scan 1 of oct.dcm)</source>
        <translation>像窗口中的分析一样，把每个结果存为此文件夹中该图像病例的 AI 结果（图像必须是其病例之一）；OCT 容积的每张 B 扫描像窗口的“全部分析”一样分别分析并存入各自的病例，配合 --out 时写出各自的文件 STEM_bNNN.*（oct.dcm 的第 1 张 B 扫描为 oct_b001.json）</translation>
    </message>
    <message>
        <source>local: this machine, reading, analysing and writing photos side by side; ray: actors on a Ray cluster (pip install &apos;retina-review[cluster]&apos;), one writer here</source>
        <translation>local：本机，读取、分析和写出照片并行进行；ray：Ray 集群上的 actor（pip install &apos;retina-review[cluster]&apos;），由本机一个写入进程写出</translation>
    </message>
    <message>
        <source>the Ray cluster&apos;s head, e.g. 10.0.0.5:6379 (default: RAY_ADDRESS, a cluster started on this machine with `ray start`, else a Ray started for this run)</source>
        <translation>Ray 集群的头节点，例如 10.0.0.5:6379（默认：RAY_ADDRESS，或在本机用 `ray start` 启动的集群，否则为本次运行启动一个 Ray）</translation>
    </message>
    <message>
        <source>Ray actors to start (default: one per GPU of the cluster, else one per 2 CPUs); each loads the models once</source>
        <translation>要启动的 Ray actor 数（默认：集群每个 GPU 一个，否则每 2 个 CPU 一个）；每个 actor 只加载一次模型</translation>
    </message>
    <message>
        <source>share of one GPU each Ray actor asks for, 0 to 1 (default: a whole GPU when the cluster has GPUs; 0.5: two actors per GPU, for small models on large GPUs; 0: CPU actors only)</source>
        <translation>每个 Ray actor 申请的 GPU 份额，0 到 1（默认：集群有 GPU 时为一整个 GPU；0.5：每个 GPU 两个 actor，适合大显存 GPU 上的小模型；0：只用 CPU actor）</translation>
    </message>
    <message>
        <source>a model name, model folder or state-dict checkpoint; repeat for one per task (default: the installed models, one per task)</source>
        <translation>模型名称、模型文件夹或 state-dict 检查点；可重复，每个任务一个（默认：已安装的模型，每个任务一个）</translation>
    </message>
    <message>
        <source>architecture of a plain .pth checkpoint given with --model, e.g. unet:resnet34</source>
        <translation>用 --model 给出的普通 .pth 检查点的网络结构，例如 unet:resnet34</translation>
    </message>
    <message>
        <source>where models run (default: the program&apos;s setting, else auto: CUDA, MPS, CPU)</source>
        <translation>模型运行的设备（默认：程序的设置，否则 auto：CUDA、MPS、CPU）</translation>
    </message>
    <message>
        <source>segment with a sliding window at twice the model&apos;s resolution (slower; for a lesion model trained so, `train seg --tiled`: the shipped one was not and scores worse tiled)</source>
        <translation>以模型分辨率的两倍用滑动窗口分割（更慢；适用于按此方式训练的病灶模型，即 `train seg --tiled`：随附模型并非如此训练，分块时得分更差）</translation>
    </message>
    <message>
        <source>DR grade the heat map explains (default: the predicted grade)</source>
        <translation>热图所解释的 DR 分级（默认：预测的分级）</translation>
    </message>
    <message>
        <source>the images are OCT B-scans (default: decided per image from its name and pixels, as in the window); with --workspace, a case is analysed as the modality saved with it (View &gt; Modality), this option or its image deciding only a case never saved</source>
        <translation>这些图像是 OCT B 扫描（默认：像窗口中一样，按每张图像的名称和像素判断）；配合 --workspace 时，病例按其保存的成像类型分析（视图 &gt; 成像类型），只有从未保存过的病例才由本选项或其图像决定</translation>
    </message>
    <message>
        <source>also write the probability maps (the same as adding probabilities to --outputs)</source>
        <translation>同时写出概率图（等同于在 --outputs 中加入 probabilities）</translation>
    </message>
    <message>
        <source>replace files already in DIR that this run did not write (never the input images)</source>
        <translation>替换 DIR 中已有、并非本次运行写入的文件（绝不替换输入图像）</translation>
    </message>
    <message>
        <source>go on with a run that was stopped: skip the images it finished (their JSON, written last, and the files it lists are in --out; with --workspace, their case holds an AI result) and analyse the rest</source>
        <translation>继续一次中断的运行：跳过已完成的图像（其最后写入的 JSON 及其列出的文件都在 --out 中；配合 --workspace 时，其病例已有 AI 结果），分析其余图像</translation>
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
        <source>Duplicate selected box</source>
        <translation>复制所选框</translation>
    </message>
    <message>
        <source>Copy the previous case&apos;s boxes</source>
        <translation>复制上一病例的标注框</translation>
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
        <source>Reject candidate / drop last polygon corner / delete selected box</source>
        <translation>拒绝候选 / 删除多边形最后一个顶点 / 删除所选框</translation>
    </message>
    <message>
        <source>Delete selected box</source>
        <translation>删除所选框</translation>
    </message>
    <message>
        <source>Cancel / stop reviewing / stop listing the folder</source>
        <translation>取消 / 停止审核 / 停止列出文件夹</translation>
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
        <source>&amp;Tool</source>
        <translation>工具(&amp;T)</translation>
    </message>
    <message>
        <source>Lesion &amp;class</source>
        <translation>病灶类别(&amp;C)</translation>
    </message>
    <message>
        <source>Re&amp;label selected box as</source>
        <translation>将所选框改标为(&amp;L)</translation>
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
        <source>The photo is still loading: draw again in a moment</source>
        <translation>图像仍在加载：请稍后再绘制</translation>
    </message>
    <message>
        <source>The AI result changed; start the candidate review again (C)</source>
        <translation>AI 结果已更改；请重新开始候选审核（C）</translation>
    </message>
    <message>
        <source>Select a box first (box tool, W), then relabel it</source>
        <translation>请先选择一个标注框（标注框工具，W），再改标</translation>
    </message>
    <message>
        <source>Select a box first (box tool, W), then mark it difficult</source>
        <translation>请先选择一个标注框（标注框工具，W），再标记为困难</translation>
    </message>
    <message>
        <source>Select a box first (box tool, W), then duplicate it</source>
        <translation>请先选择一个标注框（标注框工具，W），再复制</translation>
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
    <name>ArbitratedRevisionNote</name>
    <message>
        <source>{image} was arbitrated already: this change stays in your own reading, and the consensus stays the arbiter&apos;s decision (their list shows the case as revised since arbitration)</source>
        <translation>{image} 已经仲裁：此修改仅保存在您自己的阅片结果中，共识结果仍为仲裁者的决定（仲裁者的列表中此病例显示为“仲裁后已修改”）</translation>
    </message>
</context>
<context>
    <name>ArbitrationController</name>
    <message>
        <source>Both readings side by side, then the consensus: whose labels, which grade</source>
        <translation>并排查看两份阅片结果，然后决定共识结果：采用谁的标注、哪个分级</translation>
    </message>
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
        <source>{case}: {count} of 2 readings submitted; arbitration waits for both readers</source>
        <translation>{case}：已提交 {count}/2 份阅片结果；仲裁需等待两位阅片者都提交</translation>
    </message>
    <message>
        <source>Cannot arbitrate {case}: {error}</source>
        <translation>无法仲裁 {case}：{error}</translation>
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
        <translation>DR 分级：{a} 与 {b}</translation>
    </message>
    <message>
        <source>referable {a} vs {b}</source>
        <translation>需转诊：{a} 与 {b}</translation>
    </message>
    <message>
        <source>DME risk {a} vs {b}</source>
        <translation>黄斑水肿风险：{a} 与 {b}</translation>
    </message>
    <message>
        <source>OCT class {a} vs {b}</source>
        <translation>OCT 分类：{a} 与 {b}</translation>
    </message>
    <message>
        <source>DR grade {a} vs {b} as first submitted</source>
        <translation>首次提交时 DR 分级：{a} 与 {b}</translation>
    </message>
    <message>
        <source>referable {a} vs {b} as first submitted</source>
        <translation>首次提交时需转诊：{a} 与 {b}</translation>
    </message>
    <message>
        <source>DME risk {a} vs {b} as first submitted</source>
        <translation>首次提交时黄斑水肿风险：{a} 与 {b}</translation>
    </message>
    <message>
        <source>OCT class {a} vs {b} as first submitted</source>
        <translation>首次提交时 OCT 分类：{a} 与 {b}</translation>
    </message>
    <message>
        <source>patient ID {a} vs {b}</source>
        <translation>患者编号：{a} 与 {b}</translation>
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
        <source>not graded</source>
        <translation>未分级</translation>
    </message>
    <message>
        <source>ungradable</source>
        <translation>无法分级</translation>
    </message>
    <message>
        <source>Arbitration — {image}</source>
        <translation>仲裁 — {image}</translation>
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
        <source>Of {count} submitted readings these are the first two that disagree; also submitted: {others}.</source>
        <translation>已提交 {count} 份阅片结果，此处显示最先出现分歧的两份；另有：{others}。</translation>
    </message>
    <message>
        <source>&lt;b&gt;{reader}&lt;/b&gt;: {grade}</source>
        <translation>&lt;b&gt;{reader}&lt;/b&gt;：{grade}</translation>
    </message>
    <message>
        <source>&amp;Labels</source>
        <translation>标注(&amp;L)</translation>
    </message>
    <message>
        <source>Final DR &amp;grade</source>
        <translation>最终 DR 分级(&amp;G)</translation>
    </message>
    <message>
        <source>Final DME &amp;risk</source>
        <translation>最终黄斑水肿风险(&amp;R)</translation>
    </message>
    <message>
        <source>Final &amp;OCT class</source>
        <translation>最终 OCT 分类(&amp;O)</translation>
    </message>
    <message>
        <source>&amp;Save as consensus</source>
        <translation>保存为共识结果(&amp;S)</translation>
    </message>
    <message>
        <source>Save and correc&amp;t labels…</source>
        <translation>保存并修正标注…(&amp;T)</translation>
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
        <source>DR grade not graded</source>
        <translation>DR 未分级</translation>
    </message>
    <message>
        <source>DME risk not graded</source>
        <translation>黄斑水肿风险未分级</translation>
    </message>
    <message>
        <source>OCT class not given</source>
        <translation>OCT 未分类</translation>
    </message>
    <message>
        <source>{arbiter} decided this case before: {grade}, with labels corrected since (neither reading&apos;s). Saving again replaces that decision and those labels with the chosen reading&apos;s.</source>
        <translation>{arbiter} 此前已对此病例作出决定：{grade}，其标注此后已修正（不属于任一阅片结果）。再次保存将用所选阅片结果的标注替换该决定及这些标注。</translation>
    </message>
    <message>
        <source>{arbiter} decided this case before: {grade}, keeping the labels of {reader}. Saving again replaces that decision.</source>
        <translation>{arbiter} 此前已对此病例作出决定：{grade}，保留 {reader} 的标注。再次保存将替换该决定。</translation>
    </message>
    <message>
        <source>Keep the labels of {name}</source>
        <translation>保留 {name} 的标注</translation>
    </message>
    <message>
        <source>eye {eye_a} vs {eye_b}</source>
        <translation>眼别：{eye_a}与{eye_b}</translation>
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
        <source>Neither reading has labels (an OCT scan has no lesion tools): only the class is decided</source>
        <translation>两份阅片均无标注（OCT 扫描没有病灶工具）：只需裁定分类</translation>
    </message>
    <message>
        <source>OCT class {name}</source>
        <translation>OCT 分类 {name}</translation>
    </message>
    <message>
        <source>Save the chosen labels and grade as the consensus, then correct its masks and boxes on the canvas with every tool (undo: Ctrl+Z); saving stores the corrections as the arbitrated result</source>
        <translation>将所选标注和分级保存为共识结果，然后在画布上用各种工具修正其掩膜和框（撤销：Ctrl+Z）；保存时修正内容将存为仲裁结果</translation>
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
    <message>
        <source>Next fra&amp;me</source>
        <translation>下一帧(&amp;M)</translation>
    </message>
    <message>
        <source>Previous fram&amp;e</source>
        <translation>上一帧(&amp;E)</translation>
    </message>
</context>
<context>
    <name>BScanShape</name>
    <message>
        <source>Draw and print a B-scan to the pixel size its DICOM header records (Pixel Spacing): the retina at its true shape. Off: one screen pixel per image pixel, as OCT devices show it</source>
        <translation>按 DICOM 头记录的像素尺寸（Pixel Spacing）显示和打印 B 扫描：视网膜呈真实形状。关闭时：一个屏幕像素对应一个图像像素，与 OCT 设备的显示方式相同</translation>
    </message>
    <message>
        <source>Only for an image whose DICOM header records pixels taller or wider than square (Pixel Spacing)</source>
        <translation>仅适用于 DICOM 头记录的像素为非正方形（Pixel Spacing）的图像</translation>
    </message>
</context>
<context>
    <name>BatchFailures</name>
    <message>
        <source>{image}: {reason}</source>
        <translation>{image}：{reason}</translation>
    </message>
    <message>
        <source>{image}: cannot write to {folder} ({error})</source>
        <translation>{image}：无法写入 {folder}（{error}）</translation>
    </message>
    <message>
        <source>{image}: cannot store the result in the workspace ({error})</source>
        <translation>{image}：无法将结果保存到工作区（{error}）</translation>
    </message>
    <message>
        <source>{image}: the result was not stored, the workspace being taken over (below)</source>
        <translation>{image}：结果未保存，因为工作区已被接管（见下文）</translation>
    </message>
</context>
<context>
    <name>BatchMessages</name>
    <message>
        <source>{folder} is open read-only; nothing was analysed. {reason}</source>
        <translation>{folder} 以只读方式打开；未分析任何图像。{reason}</translation>
    </message>
    <message>
        <source>{photos}: not among the cases of {folder}; --workspace takes the results of that folder&apos;s own images</source>
        <translation>{photos}：不是 {folder} 的病例；--workspace 只接收该文件夹自身图像的结果</translation>
    </message>
    <message>
        <source>{photo}: not a case of the workspace {folder}</source>
        <translation>{photo}：不是工作区 {folder} 的病例</translation>
    </message>
    <message>
        <source>Another RetinaReview ({holder}) took the workspace {folder} over while this run could not renew its lock (the computer slept or the share was unreachable); no more results are stored there</source>
        <translation>另一个 RetinaReview（{holder}）已接管工作区 {folder}，因为本次运行未能续期其锁（计算机休眠或共享文件夹无法访问）；不再向其中保存结果</translation>
    </message>
</context>
<context>
    <name>BatchProgress</name>
    <message>
        <source>{number}/{count} {image}: {step}</source>
        <translation>{number}/{count} {image}：{step}</translation>
    </message>
    <message>
        <source>{number}/{count} {image}</source>
        <translation>{number}/{count} {image}</translation>
    </message>
    <message>
        <source>{number}/{count} {image}: failed</source>
        <translation>{number}/{count} {image}：失败</translation>
    </message>
</context>
<context>
    <name>BatchRun</name>
    <message>
        <source>--resume tells a finished image by its JSON, which is written last: add json to --outputs, or analyse into a new --out folder</source>
        <translation>--resume 依据最后写入的 JSON 判断图像是否已完成：请在 --outputs 中加入 json，或分析到新的 --out 文件夹</translation>
    </message>
    <message>
        <source>the Ray engine needs Ray, which is not installed: pip install &apos;retina-review[cluster]&apos; (or pip install &apos;ray[default]&apos;) on this machine and on every machine of the cluster</source>
        <translation>Ray 引擎需要 Ray，但尚未安装：请在本机及集群的每台机器上运行 pip install &apos;retina-review[cluster]&apos;（或 pip install &apos;ray[default]&apos;）</translation>
    </message>
    <message>
        <source>{error}; if the cluster uses token authentication (from Ray 2.59 `ray start` turns it on where the head has a token), set RAY_AUTH_MODE=token on this machine, always, and give it the head&apos;s token: RAY_AUTH_TOKEN=TOKEN, or the head&apos;s ~/.ray/auth_token copied here (`ray get-auth-token` on the head prints it)</source>
        <translation>{error}；如果集群使用令牌认证（从 Ray 2.59 起，头节点有令牌时 `ray start` 会开启认证），请始终在本机设置 RAY_AUTH_MODE=token，并提供头节点的令牌：RAY_AUTH_TOKEN=TOKEN，或把头节点的 ~/.ray/auth_token 复制到本机（在头节点上运行 `ray get-auth-token` 可打印令牌）</translation>
    </message>
    <message>
        <source>cannot reach a Ray cluster at {address} ({reason}): is its head started (`ray start --head`), and its port open to this machine?</source>
        <translation>无法连接到 {address} 上的 Ray 集群（{reason}）：其头节点是否已启动（`ray start --head`），其端口是否对本机开放？</translation>
    </message>
    <message>
        <source>cannot reach the Ray cluster started on this machine at {address} ({reason}; its address is kept in {file}): it has stopped without `ray stop`. Start it again (`ray start --head`), or run `ray stop` for the run to start a Ray of its own</source>
        <translation>无法连接到本机启动的、位于 {address} 的 Ray 集群（{reason}；其地址记录在 {file} 中）：它未经 `ray stop` 就已停止。请重新启动它（`ray start --head`），或运行 `ray stop`，让本次运行自行启动 Ray</translation>
    </message>
    <message>
        <source>{count} is not a number of workers: give 1 or more (without --ray-workers, one per GPU of the cluster, else one per 2 CPUs)</source>
        <translation>{count} 不是有效的工作进程数：请给出 1 或更大的数（不给 --ray-workers 时，集群每个 GPU 一个，否则每 2 个 CPU 一个）</translation>
    </message>
    <message>
        <source>{share} is not a share of one GPU between 0 and 1 (e.g. 0.5: two workers per GPU)</source>
        <translation>{share} 不是 0 到 1 之间的单个 GPU 份额（例如 0.5：每个 GPU 两个工作进程）</translation>
    </message>
    <message>
        <source>{share} GPU per worker was asked for, but the Ray cluster has no GPUs (leave out --ray-gpus-per-worker)</source>
        <translation>要求每个工作进程 {share} 个 GPU，但 Ray 集群没有 GPU（请去掉 --ray-gpus-per-worker）</translation>
    </message>
    <message>
        <source>device {device} was asked for, but --ray-gpus-per-worker 0 gives the workers none (use --device auto or cpu)</source>
        <translation>要求计算设备 {device}，但 --ray-gpus-per-worker 0 不给工作进程分配 GPU（请使用 --device auto 或 cpu）</translation>
    </message>
    <message>
        <source>device {device} was asked for, but the Ray cluster has no GPUs (use --device auto or cpu)</source>
        <translation>要求计算设备 {device}，但 Ray 集群没有 GPU（请使用 --device auto 或 cpu）</translation>
    </message>
    <message>
        <source>waiting for room on the Ray cluster: {waiting} of the workers asked for ({workers}) cannot be placed yet, as {cpus} CPU(s) and {gpus} GPU(s) are free (other work holds the rest); the run starts once one is placed</source>
        <translation>正在等待 Ray 集群的空闲资源：所请求的工作进程（{workers}）中有 {waiting} 个暂时无法分配，因为只有 {cpus} 个 CPU 和 {gpus} 个 GPU 空闲（其余被其他任务占用）；一旦有一个分配成功，运行即开始</translation>
    </message>
    <message>
        <source>Ray cluster: {cpus} CPU(s), {gpus} GPU(s); {workers} on {devices}</source>
        <translation>Ray 集群：{cpus} 个 CPU、{gpus} 个 GPU；{workers}，运行于 {devices}</translation>
    </message>
    <message>
        <source>{late} of the Ray workers were not placed within {minutes} min and are left out; {working} go on</source>
        <translation>有 {late} 个 Ray 工作进程未能在 {minutes} 分钟内分配，已不再使用；{working} 个继续运行</translation>
    </message>
    <message>
        <source>a Ray worker stopped (a crash, memory running out, or its machine lost): its photos go to the other workers while Ray starts it again</source>
        <translation>一个 Ray 工作进程已停止（崩溃、内存耗尽或其所在机器失联）：在 Ray 重新启动它期间，其照片交由其他工作进程处理</translation>
    </message>
    <message>
        <source>a Ray worker stopped (Ray says: {cause}): its photos go to the other workers</source>
        <translation>一个 Ray 工作进程已停止（Ray 给出的原因：{cause}）：其照片交由其他工作进程处理</translation>
    </message>
    <message>
        <source>a Ray worker stopped, the memory of its machine running out (Ray stopped it): its photos go to the other workers</source>
        <translation>一个 Ray 工作进程已停止：其所在机器的内存耗尽（由 Ray 停止）；其照片交由其他工作进程处理</translation>
    </message>
    <message>
        <source>a Ray worker started again; {working} of {count} working</source>
        <translation>一个 Ray 工作进程已重新启动；{count} 个中有 {working} 个在运行</translation>
    </message>
    <message>
        <source>a Ray worker stopped and could not be started again; {working} of {count} go on</source>
        <translation>一个 Ray 工作进程已停止且无法重新启动；{count} 个中有 {working} 个继续运行</translation>
    </message>
    <message>
        <source>no Ray worker is left: each stopped and could not be started again (Ray&apos;s logs on the cluster&apos;s machines say why)</source>
        <translation>已没有可用的 Ray 工作进程：每个都已停止且无法重新启动（原因见集群各机器上的 Ray 日志）</translation>
    </message>
    <message>
        <source>no Ray worker is left: Ray stopped them as the memory of their machines ran out (fewer workers, --ray-workers, need less)</source>
        <translation>已没有可用的 Ray 工作进程：其所在机器的内存耗尽，Ray 已将其停止（减少工作进程数（--ray-workers）可降低内存占用）</translation>
    </message>
    <message>
        <source>no Ray worker is left: Ray stopped {memory} of them as the memory of their machines ran out (fewer workers, --ray-workers, need less), and {others} stopped otherwise and could not be started again (Ray&apos;s logs on the cluster&apos;s machines say why)</source>
        <translation>已没有可用的 Ray 工作进程：其中 {memory} 个因所在机器内存耗尽被 Ray 停止（减少工作进程数（--ray-workers）可降低内存占用），另外 {others} 个因其他原因停止且无法重新启动（原因见集群各机器上的 Ray 日志）</translation>
    </message>
    <message>
        <source>the connection to the Ray cluster was lost (Ray ended the process that drove the run, status {status}): the cluster stopped, or this machine left it</source>
        <translation>与 Ray 集群的连接已断开（Ray 结束了驱动此次运行的进程，状态 {status}）：集群已停止，或本机已离开集群</translation>
    </message>
</context>
<context>
    <name>BatchSummary</name>
    <message>
        <source>{seconds} s</source>
        <translation>{seconds} 秒</translation>
    </message>
    <message>
        <source>{minutes} min {seconds} s</source>
        <translation>{minutes} 分 {seconds} 秒</translation>
    </message>
    <message>
        <source>{hours} h {minutes} min</source>
        <translation>{hours} 小时 {minutes} 分</translation>
    </message>
    <message>
        <source>stopped before any image was analysed: run the same command again</source>
        <translation>在分析任何图像之前已停止：请再次运行同一命令</translation>
    </message>
    <message>
        <source>{analysed} of {total} images analysed {took}</source>
        <translation>{total} 张图像中已分析 {analysed} 张，{took}</translation>
    </message>
    <message>
        <source>{count} failed (each named above)</source>
        <translation>{count} 张失败（上方逐一列出）</translation>
    </message>
    <message>
        <source>{count} skipped, finished by an earlier run</source>
        <translation>{count} 张已跳过（之前的运行已完成）</translation>
    </message>
    <message>
        <source>{count} file(s) written to {folder}</source>
        <translation>已向 {folder} 写入 {count} 个文件</translation>
    </message>
    <message>
        <source>{count} AI result(s) stored in {workspace}</source>
        <translation>已在 {workspace} 中保存 {count} 个 AI 结果</translation>
    </message>
    <message>
        <source>{count} not reached: run the same command with --resume to analyse only those and the failed ones</source>
        <translation>{count} 张未处理：加上 --resume 再次运行同一命令，即只分析这些及失败的图像</translation>
    </message>
    <message>
        <source>stopped: {summary}</source>
        <translation>已停止：{summary}</translation>
    </message>
    <message>
        <source>in {elapsed}</source>
        <translation>用时 {elapsed}</translation>
    </message>
    <message>
        <source>in {elapsed} ({rate} images/s)</source>
        <translation>用时 {elapsed}（每秒 {rate} 张）</translation>
    </message>
    <message>
        <source>in {elapsed} ({rate} images/s; {pace} images/s after the first result, which came at {first})</source>
        <translation>用时 {elapsed}（每秒 {rate} 张；第一个结果在 {first} 得出，此后每秒 {pace} 张）</translation>
    </message>
</context>
<context>
    <name>BoxRepairs</name>
    <message>
        <source>xmin and xmax were swapped</source>
        <translation>xmin 与 xmax 已互换</translation>
    </message>
    <message>
        <source>ymin and ymax were swapped</source>
        <translation>ymin 与 ymax 已互换</translation>
    </message>
    <message>
        <source>lies outside the {width}x{height} image, skipped</source>
        <translation>位于 {width}x{height} 图像之外，已跳过</translation>
    </message>
    <message>
        <source>clamped from {box} to the {width}x{height} image</source>
        <translation>已从 {box} 裁剪到 {width}x{height} 图像范围内</translation>
    </message>
</context>
<context>
    <name>CandidateTraining</name>
    <message>
        <source>candidates on the training photos: {recall}</source>
        <translation>训练照片上的候选：{recall}</translation>
    </message>
    <message>
        <source>step {step}/{steps}: loss {loss}</source>
        <translation>第 {step}/{steps} 步：损失 {loss}</translation>
    </message>
    <message>
        <source>fold {names}</source>
        <translation>折 {names}</translation>
    </message>
    <message>
        <source>threshold (best Dice of the training photos&apos; out-of-fold scores): {threshold}</source>
        <translation>阈值（训练照片折外得分的最佳 Dice）：{threshold}</translation>
    </message>
    <message>
        <source>the partner&apos;s map levelled from its threshold {own} onto the classifier&apos;s {threshold}</source>
        <translation>配对概率图已从其阈值 {own} 对齐到分类器的阈值 {threshold}</translation>
    </message>
    <message>
        <source>threshold (best Dice of the blend on the validation photos): {threshold}</source>
        <translation>阈值（融合结果在验证照片上的最佳 Dice）：{threshold}</translation>
    </message>
    <message>
        <source>validation {cls}: model {model}, shipped now {shipped}</source>
        <translation>验证集 {cls}：本模型 {model}，当前随附模型 {shipped}</translation>
    </message>
    <message>
        <source>not written: the model does not beat the shipped {cls} on the validation photos</source>
        <translation>未写入：该模型在验证照片上未胜过当前随附的 {cls} 模型</translation>
    </message>
    <message>
        <source>model: {folder}</source>
        <translation>模型：{folder}</translation>
    </message>
</context>
<context>
    <name>CardProblems</name>
    <message>
        <source>{key} must be text, not {kind}</source>
        <translation>{key} 必须是文本，而不是{kind}</translation>
    </message>
    <message>
        <source>{key} must be an object, not {kind}</source>
        <translation>{key} 必须是对象，而不是{kind}</translation>
    </message>
    <message>
        <source>{key} must be a list of names (text)</source>
        <translation>{key} 必须是名称（文本）列表</translation>
    </message>
    <message>
        <source>input_size must be [height, width], two whole numbers</source>
        <translation>input_size 必须是 [高, 宽] 两个整数</translation>
    </message>
    <message>
        <source>temperature must be a number, not {kind}</source>
        <translation>temperature 必须是数字，而不是{kind}</translation>
    </message>
    <message>
        <source>thresholds must map class names to numbers</source>
        <translation>thresholds 必须把类别名映射到数字</translation>
    </message>
    <message>
        <source>normalisation must be {shape}</source>
        <translation>normalisation 必须是 {shape}</translation>
    </message>
    <message>
        <source>preprocessing must map {flags} to true or false</source>
        <translation>preprocessing 必须把 {flags} 映射到 true 或 false</translation>
    </message>
    <message>
        <source>min_component_pixels must map class names to whole numbers of at least 0</source>
        <translation>min_component_pixels 必须把类别名映射到不小于 0 的整数</translation>
    </message>
    <message>
        <source>decoder_channels must be a list of whole numbers</source>
        <translation>decoder_channels 必须是整数列表</translation>
    </message>
    <message>
        <source>mirror_average must be true or false</source>
        <translation>mirror_average 必须为 true 或 false</translation>
    </message>
    <message>
        <source>averaged_views must list different views among {views}</source>
        <translation>averaged_views 必须列出 {views} 中互不相同的视图</translation>
    </message>
    <message>
        <source>input_size {size} must be [h, w], each {low}-{high}</source>
        <translation>input_size {size} 必须是 [高, 宽]，每个在 {low}-{high} 之间</translation>
    </message>
    <message>
        <source>temperature {value} must be a finite number above 0 and at most {limit}</source>
        <translation>temperature {value} 必须是大于 0、不超过 {limit} 的有限数</translation>
    </message>
    <message>
        <source>thresholds.{name} is {value}; a threshold is a probability from 0 to 1</source>
        <translation>thresholds.{name} 为 {value}；阈值是 0 到 1 之间的概率</translation>
    </message>
    <message>
        <source>thresholds.{name} names no class of the model (classes: {names})</source>
        <translation>thresholds.{name} 不是该模型的类别（类别：{names}）</translation>
    </message>
    <message>
        <source>min_component_pixels.{name} names no class of the model</source>
        <translation>min_component_pixels.{name} 不是该模型的类别</translation>
    </message>
    <message>
        <source>normalisation needs mean and std with 3 finite values each (std positive)</source>
        <translation>normalisation 需要 mean 和 std 各 3 个有限值（std 为正）</translation>
    </message>
    <message>
        <source>decoder_channels needs 5 values (one per decoder stage), each 1-{limit}</source>
        <translation>decoder_channels 需要 5 个值（每个解码阶段一个），每个在 1-{limit} 之间</translation>
    </message>
    <message>
        <source>classes is empty</source>
        <translation>classes 为空</translation>
    </message>
    <message>
        <source>classes {classes} names a class twice</source>
        <translation>classes {classes} 重复列出了某个类别</translation>
    </message>
    <message>
        <source>classes has {count} names; a {task} model has exactly {expected}</source>
        <translation>classes 有 {count} 个名称；{task} 模型恰好有 {expected} 个</translation>
    </message>
    <message>
        <source>classes {classes}: an oct model has 2-{count} of {names}</source>
        <translation>classes {classes}：oct 模型有 {names} 中的 2-{count} 个</translation>
    </message>
    <message>
        <source>classes {classes}: a {task} model has lesion class names (MA, HE, EX, SE, OD) and optionally {background} first</source>
        <translation>classes {classes}：{task} 模型的类别是病灶类别名（MA、HE、EX、SE、OD），可在最前加 {background}</translation>
    </message>
    <message>
        <source>classes {classes}: an optic-disc model needs the class &apos;OD&apos;</source>
        <translation>classes {classes}：视盘模型需要类别 &apos;OD&apos;</translation>
    </message>
    <message>
        <source>classes {classes}: a candidates model names the one lesion class it draws (MA, HE, EX, SE)</source>
        <translation>classes {classes}：候选模型只列出它绘制的那一个病灶类别（MA、HE、EX、SE）</translation>
    </message>
    <message>
        <source>the tasks {tasks} and architecture &apos;patch-classifier&apos; go together</source>
        <translation>任务 {tasks} 与架构 &apos;patch-classifier&apos; 必须同时使用</translation>
    </message>
    <message>
        <source>task {task} and encoder {encoder} (dark regions) go together; {dots} is for dark dots</source>
        <translation>任务 {task} 与编码器 {encoder}（暗区）必须同时使用；{dots} 用于暗点</translation>
    </message>
    <message>
        <source>blend_with: only a candidates model ({tasks}) is averaged with a lesion model</source>
        <translation>blend_with：只有候选模型（{tasks}）可与病灶模型取平均</translation>
    </message>
    <message>
        <source>blend_member and blend_levels need blend_with; blend_member names a sub-folder of that model&apos;s folder plainly</source>
        <translation>blend_member 和 blend_levels 需要 blend_with；blend_member 须直接写出该模型文件夹中的一个子文件夹名</translation>
    </message>
    <message>
        <source>blend_levels must be two numbers between 0 and 1: the partner map&apos;s threshold and this model&apos;s</source>
        <translation>blend_levels 必须是两个介于 0 和 1 之间的数：配对概率图的阈值和本模型的阈值</translation>
    </message>
    <message>
        <source>member_levels must give a class class_members names two levels: the member&apos;s threshold, between 0 and 1, and this card&apos;s threshold of the class</source>
        <translation>member_levels 须为 class_members 中的类别给出两个值：成员网络的阈值（介于 0 和 1 之间）与本卡片该类别的阈值</translation>
    </message>
    <message>
        <source>member_min_field and members_averaged need class_members</source>
        <translation>member_min_field 和 members_averaged 需要 class_members</translation>
    </message>
    <message>
        <source>unknown task {task} (known: {known})</source>
        <translation>未知任务 {task}（已知：{known}）</translation>
    </message>
    <message>
        <source>mirror_average (of older cards) and averaged_views together: remove mirror_average</source>
        <translation>mirror_average（旧版模型卡）与 averaged_views 同时出现：请删除 mirror_average</translation>
    </message>
    <message>
        <source>averaged_views: only a segmentation network&apos;s input is viewed several ways</source>
        <translation>averaged_views：只有分割网络的输入可按多种视图平均</translation>
    </message>
    <message>
        <source>unknown architecture {name} (known: {known})</source>
        <translation>未知架构 {name}（已知：{known}）</translation>
    </message>
    <message>
        <source>unknown activation {name} (known: {known})</source>
        <translation>未知激活函数 {name}（已知：{known}）</translation>
    </message>
    <message>
        <source>input_size {size} must be multiples of 32 for segmentation</source>
        <translation>分割模型的 input_size {size} 必须是 32 的倍数</translation>
    </message>
    <message>
        <source>classical_classes {classes}: lesion classes of this card, for a lesion-segmentation model in pixels mode only</source>
        <translation>classical_classes {classes}：须为本模型卡的病灶类别，且仅用于 pixels 模式的病灶分割模型</translation>
    </message>
    <message>
        <source>mask_mode {mode}: use one of {modes} (&apos;gate-classical&apos; for lesion-segmentation only)</source>
        <translation>mask_mode {mode}：请使用 {modes} 之一（&apos;gate-classical&apos; 仅用于病灶分割）</translation>
    </message>
    <message>
        <source>task {task} needs a segmentation architecture (unet, unetplusplus, manet)</source>
        <translation>任务 {task} 需要分割架构（unet、unetplusplus、manet）</translation>
    </message>
    <message>
        <source>blend_sha256 without blend_with: it pins the weights of the lesion model blend_with names</source>
        <translation>有 blend_sha256 却没有 blend_with：它指定的是 blend_with 所指病灶模型的权重</translation>
    </message>
    <message>
        <source>task {task} needs architecture &apos;classifier&apos;</source>
        <translation>任务 {task} 需要架构 &apos;classifier&apos;</translation>
    </message>
    <message>
        <source>{key} must map names to text</source>
        <translation>{key} 必须把名称映射为文本</translation>
    </message>
    <message>
        <source>class_members {members}: lesion classes of this card (not its classical_classes), each drawn by a sub-folder named plainly, for a lesion-segmentation model in pixels mode only</source>
        <translation>class_members {members}：须为本模型卡的病灶类别（不在其 classical_classes 中），每类由一个名称简单的子文件夹绘制，且仅用于 pixels 模式的 lesion-segmentation 模型</translation>
    </message>
    <message>
        <source>member_sha256 must pin the weights of each sub-folder class_members names, and of no other</source>
        <translation>member_sha256 必须指定 class_members 所列每个子文件夹的权重，且不含其他</translation>
    </message>
    <message>
        <source>member_min_field must be a whole number of pixels, 0 or more</source>
        <translation>member_min_field 必须是 0 或更大的整数（像素）</translation>
    </message>
    <message>
        <source>members_averaged must be true or false</source>
        <translation>members_averaged 必须为 true 或 false</translation>
    </message>
    <message>
        <source>an object</source>
        <translation>对象</translation>
    </message>
    <message>
        <source>a list</source>
        <translation>列表</translation>
    </message>
    <message>
        <source>text</source>
        <translation>文本</translation>
    </message>
    <message>
        <source>true/false</source>
        <translation>true/false</translation>
    </message>
    <message>
        <source>null</source>
        <translation>null</translation>
    </message>
    <message>
        <source>a number</source>
        <translation>数字</translation>
    </message>
</context>
<context>
    <name>CaseBrowsing</name>
    <message>
        <source>Rescanning the folder…</source>
        <translation>正在重新扫描文件夹…</translation>
    </message>
    <message>
        <source>The folder is still being listed; rescan it once that is done.</source>
        <translation>文件夹仍在列出中；请在完成后再重新扫描。</translation>
    </message>
    <message>
        <source>No images in this folder (JPEG, PNG, TIFF or BMP).</source>
        <translation>此文件夹中没有图像（JPEG、PNG、TIFF 或 BMP）。</translation>
    </message>
    <message>
        <source>Folder rescanned: {folder}</source>
        <translation>文件夹已重新扫描：{folder}</translation>
    </message>
    <message>
        <source>The open photo {image} is no longer in the folder, nor listed; it stays open, and what you record on it is kept with the folder and exported.</source>
        <translation>打开的照片 {image} 已不在文件夹中，也不再列出；它仍保持打开，您在其上记录的内容会随文件夹保存并导出。</translation>
    </message>
    <message>
        <source>Listing stopped while the photos were being found: the {checked} found first are listed; File ▸ Rescan folder (Ctrl+R) lists them all</source>
        <translation>查找照片时已停止列出：已列出最先找到的 {checked} 张照片；“文件 ▸ 重新扫描文件夹”（Ctrl+R）可列出全部照片</translation>
    </message>
    <message>
        <source>Listing stopped while the photos were being found: the list shows the folder as last listed, which may include photos removed since; File ▸ Rescan folder (Ctrl+R) lists it anew</source>
        <translation>查找照片时已停止列出：列表显示的是该文件夹上次列出的内容，其中可能包括此后已删除的照片；“文件 ▸ 重新扫描文件夹”（Ctrl+R）可重新列出</translation>
    </message>
    <message>
        <source>Listing stopped while the photos were being found; File ▸ Rescan folder (Ctrl+R) lists them</source>
        <translation>查找照片时已停止列出；“文件 ▸ 重新扫描文件夹”（Ctrl+R）可列出全部照片</translation>
    </message>
    <message>
        <source>Listing stopped part-way: {checked} of {found} photos checked; File ▸ Rescan folder (Ctrl+R) checks them all</source>
        <translation>已中途停止列出：已检查 {checked} / {found} 张照片；“文件 ▸ 重新扫描文件夹”（Ctrl+R）可检查全部照片</translation>
    </message>
    <message>
        <source>Listing stopped part-way: every photo checked, not yet every case&apos;s Reading; File ▸ Rescan folder (Ctrl+R) reads them all</source>
        <translation>已中途停止列出：照片已全部检查，但尚未读取每个病例的阅片状态；“文件 ▸ 重新扫描文件夹”（Ctrl+R）可全部读取</translation>
    </message>
</context>
<context>
    <name>CaseController</name>
    <message>
        <source>Kept the damaged file(s) aside as {files}; {case} opens without them</source>
        <translation>已将损坏的文件另存为 {files}；{case} 将在没有这些文件的情况下打开</translation>
    </message>
</context>
<context>
    <name>CaseDisplay</name>
    <message>
        <source>This case cannot be shown:

{reason}</source>
        <translation>无法显示此病例：

{reason}</translation>
    </message>
</context>
<context>
    <name>CaseEdits</name>
    <message>
        <source>DR grade {before} → {after}</source>
        <translation>DR 分级 {before} → {after}</translation>
    </message>
    <message>
        <source>OCT class {before} → {after}</source>
        <translation>OCT 分类 {before} → {after}</translation>
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
</context>
<context>
    <name>CaseFileProblems</name>
    <message>
        <source>not a RetinaReview case file (format {format})</source>
        <translation>不是 RetinaReview 病例文件（格式为 {format}）</translation>
    </message>
    <message>
        <source>case file version {version} is newer than this program understands ({known}); update RetinaReview</source>
        <translation>病例文件版本 {version} 比本程序能读取的版本（{known}）更新；请更新 RetinaReview</translation>
    </message>
    <message>
        <source>its content is not the named fields of a case file</source>
        <translation>其内容不是病例文件应有的各个字段</translation>
    </message>
    <message>
        <source>the field {field} is missing</source>
        <translation>缺少字段 {field}</translation>
    </message>
    <message>
        <source>the field {field} holds {value}, a value it cannot hold</source>
        <translation>字段 {field} 的值为 {value}，不是该字段可有的值</translation>
    </message>
    <message>
        <source>its B-scan 1 has labels of its own</source>
        <translation>其 B 扫描 1 已有自己的标注</translation>
    </message>
</context>
<context>
    <name>CaseSaver</name>
    <message>
        <source>Autosave failed: {error}</source>
        <translation>自动保存失败：{error}</translation>
    </message>
</context>
<context>
    <name>CommandHelp</name>
    <message>
        <source>usage: </source>
        <translation>用法：</translation>
    </message>
    <message>
        <source>positional arguments</source>
        <translation>位置参数</translation>
    </message>
    <message>
        <source>options</source>
        <translation>选项</translation>
    </message>
    <message>
        <source>show this help message and exit</source>
        <translation>显示此帮助信息并退出</translation>
    </message>
    <message>
        <source>show program&apos;s version number and exit</source>
        <translation>显示程序版本号并退出</translation>
    </message>
    <message>
        <source>Review, annotate and grade retinal images offline.</source>
        <translation>离线审阅、标注和分级视网膜图像。</translation>
    </message>
    <message>
        <source>log debug messages</source>
        <translation>记录调试信息</translation>
    </message>
    <message>
        <source>language of what the command prints for this run (default: the Settings&apos; choice, else the system&apos;s)</source>
        <translation>本次运行中命令输出的语言（默认：设置中的选择，否则为系统语言）</translation>
    </message>
    <message>
        <source>the folder of images (the workspace)</source>
        <translation>图像文件夹（工作区）</translation>
    </message>
    <message>
        <source>VOC class names, e.g. hard_exudates=EX,haemorrhage=HE,optic_disc=OD</source>
        <translation>VOC 类别名称，例如 hard_exudates=EX,haemorrhage=HE,optic_disc=OD</translation>
    </message>
</context>
<context>
    <name>CommandRefusals</name>
    <message>
        <source>argument %(argument_name)s: %(message)s</source>
        <translation>参数 %(argument_name)s：%(message)s</translation>
    </message>
    <message>
        <source>the following arguments are required: %s</source>
        <translation>缺少必需的参数：%s</translation>
    </message>
    <message>
        <source>unrecognized arguments: %s</source>
        <translation>无法识别的参数：%s</translation>
    </message>
    <message>
        <source>ambiguous option: %(option)s could match %(matches)s</source>
        <translation>选项不明确：%(option)s 可匹配 %(matches)s</translation>
    </message>
    <message>
        <source>invalid choice: %(value)r (choose from %(choices)s)</source>
        <translation>无效的选择：%(value)r（可选：%(choices)s）</translation>
    </message>
    <message>
        <source>invalid %(type)s value: %(value)r</source>
        <translation>无效的 %(type)s 值：%(value)r</translation>
    </message>
    <message>
        <source>ignored explicit argument %r</source>
        <translation>该选项不接受取值：%r</translation>
    </message>
    <message>
        <source>expected one argument</source>
        <translation>需要给出一个值</translation>
    </message>
    <message>
        <source>expected at most one argument</source>
        <translation>最多只能给出一个值</translation>
    </message>
    <message>
        <source>expected at least one argument</source>
        <translation>至少需要给出一个值</translation>
    </message>
    <message>
        <source>expected %s argument</source>
        <translation>需要给出 %s 个值</translation>
    </message>
    <message>
        <source>expected %s arguments</source>
        <translation>需要给出 %s 个值</translation>
    </message>
    <message>
        <source>not allowed with argument %s</source>
        <translation>不能与参数 %s 同时使用</translation>
    </message>
    <message>
        <source>one of the arguments %s is required</source>
        <translation>必须给出参数 %s 之一</translation>
    </message>
</context>
<context>
    <name>CommandWords</name>
    <message>
        <source>error: {error}</source>
        <translation>错误：{error}</translation>
    </message>
    <message>
        <source>warning: {warning}</source>
        <translation>警告：{warning}</translation>
    </message>
    <message>
        <source>note: {note}</source>
        <translation>提示：{note}</translation>
    </message>
    <message>
        <source>interrupted</source>
        <translation>已中断</translation>
    </message>
</context>
<context>
    <name>DataMessages</name>
    <message>
        <source>{path}: not a folder; give the folder of an exported data set, an IDRiD-style folder, a folder of images with VOC files, or one sub-folder of images per class</source>
        <translation>{path}：不是文件夹；请给出导出的数据集文件夹、IDRiD 式文件夹、含 VOC 文件的图像文件夹，或每个类别一个图像子文件夹</translation>
    </message>
    <message>
        <source>{path}: a second image named {name} (first: {first}); image names must be unique within a data set</source>
        <translation>{path}：第二张名为 {name} 的图像（第一张：{first}）；数据集中的图像名必须唯一</translation>
    </message>
    <message>
        <source>{path}: no images found (supported: .jpg .jpeg .png .tif .tiff .bmp)</source>
        <translation>{path}：未找到图像（支持：.jpg .jpeg .png .tif .tiff .bmp）</translation>
    </message>
    <message>
        <source>{count} names in {folder} have no image (first: {first}); ignored</source>
        <translation>{folder} 中有 {count} 个名称没有对应图像（第一个：{first}）；已忽略</translation>
    </message>
    <message>
        <source>{count} images are in no split list (first: {first}); not used</source>
        <translation>{count} 张图像不在任何划分列表中（第一张：{first}）；未使用</translation>
    </message>
    <message>
        <source>{path}: folder not found; give a folder with voc/ and images/ (or VOC XML files beside their images)</source>
        <translation>{path}：未找到文件夹；请给出含 voc/ 和 images/ 的文件夹（或 VOC XML 文件与其图像放在一起的文件夹）</translation>
    </message>
    <message>
        <source>{path}: no VOC file with a matching image</source>
        <translation>{path}：没有与图像对应的 VOC 文件</translation>
    </message>
    <message>
        <source>{path}: no VOC file with a matching image among the requested ids</source>
        <translation>{path}：所要求的编号中没有与图像对应的 VOC 文件</translation>
    </message>
    <message>
        <source>{path}: not a hard-negatives file as the export writes it ({error}); {advice}</source>
        <translation>{path}：不是导出所写的困难负样本文件（{error}）；{advice}</translation>
    </message>
    <message>
        <source>retrain, which exports the reviewed cases afresh</source>
        <translation>请重新训练（会重新导出已审核病例）</translation>
    </message>
    <message>
        <source>{path}: not a split list in UTF-8 text ({error}); save it as UTF-8 text, one image name a line</source>
        <translation>{path}：不是 UTF-8 文本的划分列表（{error}）；请将其保存为 UTF-8 文本，每行一个图像名</translation>
    </message>
</context>
<context>
    <name>DecisionSteps</name>
    <message>
        <source>Cannot undo the arbitration of {case}: {error}</source>
        <translation>无法撤销 {case} 的仲裁：{error}</translation>
    </message>
    <message>
        <source>Cannot redo the arbitration of {case}: {error}</source>
        <translation>无法重做 {case} 的仲裁：{error}</translation>
    </message>
</context>
<context>
    <name>DecoderReasons</name>
    <message>
        <source>the file was cut short, e.g. by a copy or download that stopped</source>
        <translation>文件不完整，例如复制或下载中途停止</translation>
    </message>
    <message>
        <source>bytes inside the file were changed, e.g. by a faulty disk or transfer</source>
        <translation>文件中的字节已被改动，例如磁盘故障或传输出错</translation>
    </message>
    <message>
        <source>its content is in no image format known here: another kind of file given this name?</source>
        <translation>其内容不是本程序可识别的图像格式：是否为另一种文件用了这个名称？</translation>
    </message>
    <message>
        <source>its content is not arrays as RetinaReview saves them: another kind of file, or overwritten</source>
        <translation>其内容不是 RetinaReview 保存的数组：可能是另一种文件，或已被覆盖</translation>
    </message>
    <message>
        <source>it declares {pixels} pixels, more than can be decoded safely</source>
        <translation>其声明有 {pixels} 个像素，超过可安全解码的上限</translation>
    </message>
    <message>
        <source>a text or colour profile inside it unpacks to more than can be read safely</source>
        <translation>其中的文本或颜色配置文件解压后超过可安全读取的大小</translation>
    </message>
    <message>
        <source>its pixel data holds {held} bytes, fewer than the {declared} its header declares: the file is cut short or damaged</source>
        <translation>其像素数据只有 {held} 字节，少于文件头声明的 {declared} 字节：文件不完整或已损坏</translation>
    </message>
    <message>
        <source>its text stops being valid JSON at line {line}, column {column}, e.g. after an edit by hand or a faulty disk</source>
        <translation>其内容从第 {line} 行第 {column} 列起不再是有效的 JSON，例如曾被手动编辑或磁盘出错</translation>
    </message>
    <message>
        <source>its content is not text: another kind of file, or overwritten</source>
        <translation>其内容不是文本：可能是另一种文件，或已被覆盖</translation>
    </message>
    <message>
        <source>its content is nested thousands of levels deep, deeper than can be read safely: a damaged or crafted file</source>
        <translation>其内容嵌套达数千层，超过可安全读取的深度：文件已损坏或为特制文件</translation>
    </message>
    <message>
        <source>no DICM marker, file meta or image data set at its start</source>
        <translation>文件开头没有 DICM 标记、文件元信息或图像数据集</translation>
    </message>
</context>
<context>
    <name>DicomMessages</name>
    <message>
        <source>the DICOM header is damaged ({error})</source>
        <translation>DICOM 文件头已损坏（{error}）</translation>
    </message>
    <message>
        <source>re-export it from the device</source>
        <translation>请从设备重新导出</translation>
    </message>
    <message>
        <source>the DICOM object has no pixel data</source>
        <translation>该 DICOM 对象没有像素数据</translation>
    </message>
    <message>
        <source>the DICOM object has no pixel data (it is {kind})</source>
        <translation>该 DICOM 对象没有像素数据（它是 {kind}）</translation>
    </message>
    <message>
        <source>open the image objects of the study instead, or copy the file again if it was cut short</source>
        <translation>请改为打开该检查中的图像对象；如文件被截断，请重新复制</translation>
    </message>
    <message>
        <source>the pixel data cannot be decoded ({error})</source>
        <translation>无法解码像素数据（{error}）</translation>
    </message>
    <message>
        <source>re-export it from the device; the other cases are unaffected</source>
        <translation>请从设备重新导出；其他病例不受影响</translation>
    </message>
    <message>
        <source>frame {number}&apos;s compressed data declares {width}x{height} pixels of {components} component(s) but the header says {header_width}x{header_height} pixels of {samples}</source>
        <translation>第 {number} 帧的压缩数据声明为 {width}x{height} 像素、{components} 个分量，但文件头写的是 {header_width}x{header_height} 像素、{samples} 个分量</translation>
    </message>
    <message>
        <source>frame {number}&apos;s compressed data does not say its size (no JPEG or JPEG 2000 frame header)</source>
        <translation>第 {number} 帧的压缩数据未说明其尺寸（没有 JPEG 或 JPEG 2000 帧头）</translation>
    </message>
    <message>
        <source>a frame decodes to {width}x{height} pixels but the header says {header_width}x{header_height}</source>
        <translation>一帧解码为 {width}x{height} 像素，但文件头声明为 {header_width}x{header_height}</translation>
    </message>
    <message>
        <source>it has {frames} frame(s); frame {number} does not exist</source>
        <translation>该文件有 {frames} 帧；第 {number} 帧不存在</translation>
    </message>
    <message>
        <source>the labels of that frame are kept; open the file it was labelled on</source>
        <translation>该帧的标注已保留；请打开标注时所用的文件</translation>
    </message>
    <message>
        <source>the file is {size} GB, too large to open safely</source>
        <translation>文件大小为 {size} GB，过大，无法安全打开</translation>
    </message>
    <message>
        <source>files above {limit} GB are refused</source>
        <translation>超过 {limit} GB 的文件会被拒绝</translation>
    </message>
    <message>
        <source>not a DICOM Part 10 file ({error})</source>
        <translation>不是 DICOM Part 10 文件（{error}）</translation>
    </message>
    <message>
        <source>export it from the device as a DICOM file (with the DICM header)</source>
        <translation>请从设备导出为 DICOM 文件（带 DICM 文件头）</translation>
    </message>
    <message>
        <source>its transfer syntax {name} ({uid}) cannot be decoded here</source>
        <translation>其传输语法 {name}（{uid}）在此无法解码</translation>
    </message>
    <message>
        <source>its transfer syntax {name} ({uid}) cannot be decoded here at {bits} bits</source>
        <translation>其传输语法 {name}（{uid}）在 {bits} 位时在此无法解码</translation>
    </message>
    <message>
        <source>its transfer syntax {name} ({uid}) needs a decoder that is not installed</source>
        <translation>其传输语法 {name}（{uid}）需要的解码器未安装</translation>
    </message>
    <message>
        <source>install one in the program&apos;s environment (pip install {packages}), or convert the file to Explicit VR Little Endian (e.g. with gdcmconv --raw)</source>
        <translation>请在本程序的环境中安装一个（pip install {packages}），或将文件转换为 Explicit VR Little Endian（例如用 gdcmconv --raw）</translation>
    </message>
    <message>
        <source>convert it to one of {supported} (e.g. with dcmdjpeg or gdcmconv)</source>
        <translation>请转换为以下之一：{supported}（例如用 dcmdjpeg 或 gdcmconv）</translation>
    </message>
    <message>
        <source>the deflated data set is damaged ({error})</source>
        <translation>Deflate 压缩的数据集已损坏（{error}）</translation>
    </message>
    <message>
        <source>the deflated data set inflates to over {limit} MB (a deflate bomb, or a damaged file)</source>
        <translation>Deflate 压缩的数据集解压后超过 {limit} MB（压缩炸弹或文件已损坏）</translation>
    </message>
    <message>
        <source>the file was refused</source>
        <translation>已拒绝该文件</translation>
    </message>
    <message>
        <source>the image description is incomplete ({error})</source>
        <translation>图像描述不完整（{error}）</translation>
    </message>
    <message>
        <source>the header declares {frames} frame(s) of {width}x{height} pixels</source>
        <translation>文件头声明了 {frames} 帧 {width}x{height} 像素的图像</translation>
    </message>
    <message>
        <source>frames above {limit} megapixels are refused</source>
        <translation>超过 {limit} 百万像素的帧会被拒绝</translation>
    </message>
    <message>
        <source>the header declares no pixels ({frames} frame(s) of {width}x{height})</source>
        <translation>文件头未声明任何像素（{frames} 帧，{width}x{height}）</translation>
    </message>
    <message>
        <source>{samples} sample(s) per pixel at {bits_stored} of {bits} bits ({photometric}) is not a photograph or OCT scan this program shows</source>
        <translation>每像素 {samples} 个样本、{bits} 位中存储 {bits_stored} 位（{photometric}）不是本程序可显示的照片或 OCT 扫描</translation>
    </message>
    <message>
        <source>export it as grey or RGB, 8 or 16 bits</source>
        <translation>请导出为 8 位或 16 位的灰度或 RGB 图像</translation>
    </message>
    <message>
        <source>the pixel data holds {length} bytes, the header declares {expected}</source>
        <translation>像素数据有 {length} 字节，文件头声明为 {expected}</translation>
    </message>
    <message>
        <source>the file is truncated or damaged; re-export it from the device</source>
        <translation>文件被截断或已损坏；请从设备重新导出</translation>
    </message>
    <message>
        <source>the file was replaced or changed after its header was read</source>
        <translation>读取文件头后，文件已被替换或更改</translation>
    </message>
    <message>
        <source>open the case again</source>
        <translation>请重新打开该病例</translation>
    </message>
</context>
<context>
    <name>DrawnLayersShown</name>
    <message>
        <source>View ▸ {layers}: turned back on to show the change</source>
        <translation>视图 ▸ {layers}：已重新开启，以显示这次改动</translation>
    </message>
</context>
<context>
    <name>EditFailures</name>
    <message>
        <source>“{step}” failed and changed nothing: {reason}</source>
        <translation>“{step}”失败，未作任何更改：{reason}</translation>
    </message>
    <message>
        <source>Cannot undo “{step}”, nothing of it was undone: {reason}</source>
        <translation>无法撤销“{step}”，该步骤的任何部分均未撤销：{reason}</translation>
    </message>
    <message>
        <source>Cannot redo “{step}”, nothing of it was redone: {reason}</source>
        <translation>无法重做“{step}”，该步骤的任何部分均未重做：{reason}</translation>
    </message>
    <message>
        <source>not enough memory; close other programs and try again</source>
        <translation>内存不足；请关闭其他程序后重试</translation>
    </message>
</context>
<context>
    <name>EvaluateCommand</name>
    <message>
        <source>--tiled and --no-tiled choose how a lesion model segments: an option of evaluate seg with a model or defaults, not of evaluate {task} --model {model}</source>
        <translation>--tiled 和 --no-tiled 选择病灶模型的分割方式：是 evaluate seg 配合模型或 defaults 的选项，不适用于 evaluate {task} --model {model}</translation>
    </message>
    <message>
        <source>every lesion box was skipped (the line above names their labels), so nothing was measured</source>
        <translation>所有病灶框均被跳过（上一行列出了它们的标签），因此没有可计算的结果</translation>
    </message>
    <message>
        <source>{image} Dice: {figures}</source>
        <translation>{image} Dice：{figures}</translation>
    </message>
    <message>
        <source>written: {results} and {plots}</source>
        <translation>已写入：{results} 和 {plots}</translation>
    </message>
    <message>
        <source>written: {results} and no plots</source>
        <translation>已写入：{results}，未生成图表</translation>
    </message>
    <message>
        <source>evaluating {image}</source>
        <translation>正在评估 {image}</translation>
    </message>
    <message>
        <source>done</source>
        <translation>完成</translation>
    </message>
    <message>
        <source>model {model} on {images} images ({split})</source>
        <translation>模型 {model}，{images} 张图像（{split}）</translation>
    </message>
    <message>
        <source>class</source>
        <translation>类别</translation>
    </message>
    <message>
        <source>boxes</source>
        <translation>框数</translation>
    </message>
    <message>
        <source>hit</source>
        <translation>命中</translation>
    </message>
    <message>
        <source>recall</source>
        <translation>召回率</translation>
    </message>
    <message>
        <source>comps</source>
        <translation>连通域</translation>
    </message>
    <message>
        <source>in box</source>
        <translation>在框内</translation>
    </message>
    <message>
        <source>precision</source>
        <translation>精确率</translation>
    </message>
    <message>
        <source>lesions present: ROC AUC {auc} ({positives} with lesions, {negatives} without)</source>
        <translation>有无病灶：ROC AUC {auc}（有病灶 {positives} 张，无病灶 {negatives} 张）</translation>
    </message>
    <message>
        <source>optic disc hit rate: {rate} ({hits}/{images})</source>
        <translation>视盘命中率：{rate}（{hits}/{images}）</translation>
    </message>
    <message>
        <source>{seconds} s per image</source>
        <translation>每张图像 {seconds} 秒</translation>
    </message>
    <message>
        <source>boxes skipped, no class named for their label: {labels} — name them with --label-map, e.g. {example}</source>
        <translation>已跳过未指定类别的标签的框：{labels} — 请用 --label-map 指定，例如 {example}</translation>
    </message>
    <message>
        <source>{label} (in {count} file)</source>
        <translation>{label}（{count} 个文件中）</translation>
    </message>
    <message>
        <source>{label} (in {count} files)</source>
        <translation>{label}（{count} 个文件中）</translation>
    </message>
    <message>
        <source>held-out: images whose number is divisible by 5 (codras_0005, codras_0010, ...)</source>
        <translation>留出集：编号能被 5 整除的图像（codras_0005、codras_0010 ……）</translation>
    </message>
    <message>
        <source>outside the held-out split (tuning part)</source>
        <translation>留出集以外（调参部分）</translation>
    </message>
    <message>
        <source>all given: {held} held-out and {tuning} tuning images</source>
        <translation>全部给定图像：留出集 {held} 张，调参 {tuning} 张</translation>
    </message>
</context>
<context>
    <name>EvaluateHelp</name>
    <message>
        <source>measure a model on labelled data: JSON figures and PNG plots</source>
        <translation>在有标注的数据上评估模型：JSON 数据和 PNG 图表</translation>
    </message>
    <message>
        <source>seg: per-lesion Dice, IoU and pixel precision-recall AUC (IDRiD metric); grade: accuracy, quadratic weighted kappa, confusion matrix; seg also takes MODEL &apos;classical&apos; or &apos;defaults&apos; (the pipeline without models, or as shipped) and reports pixel precision/recall, lesion-level recall, the disc&apos;s centre error and ICDR grade agreement with the masks; referable: sensitivity, specificity, ROC AUC; oct: per-class and macro F1; boxes: detection figures against VOC boxes (MODEL may be &apos;classical&apos;, or &apos;defaults&apos; for every shipped model together, as a fresh install runs). DIR receives evaluation.json and plots (boxes: box_eval.json).</source>
        <translation>seg：各病灶的 Dice、IoU 和像素精确率-召回率 AUC（IDRiD 指标）；grade：准确率、二次加权 kappa、混淆矩阵；seg 的 MODEL 也可为 &apos;classical&apos; 或 &apos;defaults&apos;（不用模型的流程，或随附的配置），并报告像素精确率/召回率、病灶级召回率、视盘中心误差以及与掩膜推得的 ICDR 分级的一致性；referable：敏感度、特异度、ROC AUC；oct：各类别及宏平均 F1；boxes：对照 VOC 标注框的检测指标（MODEL 可为 &apos;classical&apos;，或 &apos;defaults&apos; 即全部随附模型一起，如新安装时的运行方式）。DIR 中写入 evaluation.json 和图表（boxes：box_eval.json）。</translation>
    </message>
    <message>
        <source>which images (auto: test, else val, else all; a folder without splits/ is split with the model&apos;s training seed, as training did; boxes: test is the fixed held-out fifth, images whose number is divisible by 5)</source>
        <translation>使用哪些图像（auto：test，否则 val，否则全部；没有 splits/ 的文件夹按模型训练时的随机种子划分，与训练一致；boxes：test 为固定留出的五分之一，即编号能被 5 整除的图像）</translation>
    </message>
    <message>
        <source>folder with train.txt, val.txt and test.txt (image names), when DIR has no splits/ of its own (e.g. resources/splits/idrid-seg for ../shared/data/idrid-seg)</source>
        <translation>含 train.txt、val.txt 和 test.txt（图像名称）的文件夹，用于 DIR 本身没有 splits/ 时（例如 ../shared/data/idrid-seg 用 resources/splits/idrid-seg）</translation>
    </message>
    <message>
        <source>seg: segment with the sliding window (default: as the model was trained)</source>
        <translation>seg：用滑动窗口分割（默认：与模型训练方式相同）</translation>
    </message>
    <message>
        <source>replace the results of an earlier evaluation in DIR (never asked for, they are kept; one changed since it was written is kept beside, renamed NAME.edited-TIME), and remove an earlier evaluation&apos;s plot this one does not draw</source>
        <translation>替换 DIR 中先前评估的结果（未指定时保留；写入后被修改过的文件会保留在旁边，改名为 NAME.edited-TIME），并删除本次评估不再绘制的先前图表</translation>
    </message>
</context>
<context>
    <name>EvaluationPlots</name>
    <message>
        <source>Pixel precision-recall</source>
        <translation>像素级精确率-召回率</translation>
    </message>
    <message>
        <source>recall</source>
        <translation>召回率</translation>
    </message>
    <message>
        <source>precision</source>
        <translation>精确率</translation>
    </message>
    <message>
        <source>{name} AP {ap}</source>
        <translation>{name} AP {ap}</translation>
    </message>
    <message>
        <source>Referable DR: ROC</source>
        <translation>需转诊的糖尿病视网膜病变：ROC 曲线</translation>
    </message>
    <message>
        <source>1 - specificity</source>
        <translation>1 - 特异度</translation>
    </message>
    <message>
        <source>sensitivity</source>
        <translation>敏感度</translation>
    </message>
    <message>
        <source>AUC {auc}</source>
        <translation>AUC {auc}</translation>
    </message>
    <message>
        <source>DR grade: confusion matrix</source>
        <translation>DR 分级：混淆矩阵</translation>
    </message>
    <message>
        <source>Referable DR: confusion matrix</source>
        <translation>需转诊的糖尿病视网膜病变：混淆矩阵</translation>
    </message>
    <message>
        <source>OCT class: confusion matrix</source>
        <translation>OCT 分类：混淆矩阵</translation>
    </message>
    <message>
        <source>truth (rows)</source>
        <translation>真实值（行）</translation>
    </message>
    <message>
        <source>predicted (columns)</source>
        <translation>预测值（列）</translation>
    </message>
    <message>
        <source>non-referable</source>
        <translation>无需转诊</translation>
    </message>
    <message>
        <source>referable</source>
        <translation>需转诊</translation>
    </message>
</context>
<context>
    <name>ExportClosing</name>
    <message>
        <source>An export of labels is running. Stop it and close? The files it has written so far stay in {folder}.</source>
        <translation>正在导出标注。要停止导出并关闭吗？已写入的文件保留在 {folder} 中。</translation>
    </message>
</context>
<context>
    <name>ExportCommand</name>
    <message>
        <source>{folder}: no labels to export: the folder was never opened in RetinaReview (it has no {sidecar} folder)</source>
        <translation>{folder}：没有可导出的标注：此文件夹从未在 RetinaReview 中打开过（没有 {sidecar} 文件夹）</translation>
    </message>
    <message>
        <source>{folder} has no reader {reader} (its readers: {readers}); name one of them, consensus or all</source>
        <translation>{folder} 中没有阅片者 {reader}（其阅片者：{readers}）；请指定其中之一、consensus 或 all</translation>
    </message>
    <message>
        <source>none yet</source>
        <translation>暂无</translation>
    </message>
    <message>
        <source>wrote {path}</source>
        <translation>已写入 {path}</translation>
    </message>
    <message>
        <source>Reader {reader}:</source>
        <translation>阅片者 {reader}：</translation>
    </message>
    <message>
        <source>Consensus:</source>
        <translation>共识结果：</translation>
    </message>
</context>
<context>
    <name>ExportDialog</name>
    <message>
        <source>Pascal &amp;VOC boxes (one .xml per image, for labelImg)</source>
        <translation>Pascal VOC 框（每张图像一个 .xml，用于 labelImg）(&amp;V)</translation>
    </message>
    <message>
        <source>Per-class &amp;masks, IDRiD naming (NAME_MA.png, NAME_HE.png …)</source>
        <translation>按类别的掩膜，IDRiD 命名（NAME_MA.png、NAME_HE.png …）(&amp;M)</translation>
    </message>
    <message>
        <source>&amp;Indexed PNG (one image per case, class index per pixel)</source>
        <translation>索引 PNG（每个病例一张图，每像素为类别索引）(&amp;I)</translation>
    </message>
    <message>
        <source>C&amp;OCO (annotations.json)</source>
        <translation>COCO（annotations.json）(&amp;O)</translation>
    </message>
    <message>
        <source>&amp;Grades CSV (IDRiD columns)</source>
        <translation>分级 CSV（IDRiD 列）(&amp;G)</translation>
    </message>
    <message>
        <source>&amp;Training data set with train/val/test split files</source>
        <translation>训练数据集，含 train/val/test 划分文件(&amp;T)</translation>
    </message>
    <message>
        <source>&amp;YOLO boxes (classes.txt and one .txt per image, for labelImg)</source>
        <translation>YOLO 框（classes.txt 及每张图像一个 .txt，用于 labelImg）(&amp;Y)</translation>
    </message>
    <message>
        <source>CVAT &amp;for images 1.1 (annotations.xml: boxes, one mask per region)</source>
        <translation>CVAT for images 1.1（annotations.xml：框，每个区域一个掩膜）(&amp;F)</translation>
    </message>
    <message>
        <source>&amp;labelme shapes (one .json per image: rectangles, polygons, masks)</source>
        <translation>labelme 形状（每张图像一个 .json：矩形、多边形、掩膜）(&amp;L)</translation>
    </message>
    <message>
        <source>&amp;All cases ({count})</source>
        <translation>全部病例（{count}）(&amp;A)</translation>
    </message>
    <message>
        <source>&amp;Done cases only ({count})</source>
        <translation>仅已完成病例（{count}）(&amp;D)</translation>
    </message>
    <message>
        <source>Cases in the li&amp;st ({count})</source>
        <translation>列表中的病例（{count}）(&amp;S)</translation>
    </message>
    <message>
        <source>S&amp;elected cases ({count})</source>
        <translation>所选病例（{count}）(&amp;E)</translation>
    </message>
    <message>
        <source>Step {number} of {count}: {progress}</source>
        <translation>第 {number} 步（共 {count} 步）：{progress}</translation>
    </message>
    <message>
        <source>E&amp;xport</source>
        <translation>导出(&amp;X)</translation>
    </message>
    <message>
        <source>Ca&amp;ncel export</source>
        <translation>取消导出(&amp;N)</translation>
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
        <source>C&amp;hoose…</source>
        <translation>选择…(&amp;H)</translation>
    </message>
    <message>
        <source>Expo&amp;rt to</source>
        <translation>导出到(&amp;R)</translation>
    </message>
    <message>
        <source>Re&amp;place files already in this folder (original images are never replaced)</source>
        <translation>替换此文件夹中已有的文件（原始图像永不替换）(&amp;P)</translation>
    </message>
    <message>
        <source>counting…</source>
        <translation>正在统计…</translation>
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
        <source>Export failed: {error}</source>
        <translation>导出失败：{error}</translation>
    </message>
    <message>
        <source>Export cancelled.</source>
        <translation>导出已取消。</translation>
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
    <name>ExportHelp</name>
    <message>
        <source>write a workspace&apos;s labels as VOC, YOLO, masks, COCO, CVAT, labelme, grades CSV or a training data set</source>
        <translation>将工作区的标注写出为 VOC、YOLO、掩膜、COCO、CVAT、labelme、分级 CSV 或训练数据集</translation>
    </message>
    <message>
        <source>Write the labels of every case with saved labels in FOLDER&apos;s workspace to DIR.</source>
        <translation>将 FOLDER 工作区中每个已保存标注的病例的标注写入 DIR。</translation>
    </message>
    <message>
        <source>what to write: {formats}</source>
        <translation>写出的格式：{formats}</translation>
    </message>
    <message>
        <source>where to write (created if needed)</source>
        <translation>写入位置（需要时创建）</translation>
    </message>
    <message>
        <source>only the cases marked done (with --reader consensus in double reading: those whose consensus is settled), as the dialog&apos;s &apos;Done cases only&apos;</source>
        <translation>只导出标记为完成的病例（双人阅片中配合 --reader consensus：共识结果已确定的病例），同对话框中的“仅已完成病例”</translation>
    </message>
    <message>
        <source>replace files already in DIR that this export did not write (never original images)</source>
        <translation>替换 DIR 中已有、并非本次导出写入的文件（绝不替换原始图像）</translation>
    </message>
    <message>
        <source>VOC, YOLO, CVAT and labelme: write these class names (e.g. the names an imported set used); YOLO: classes.txt lists them in this order</source>
        <translation>VOC、YOLO、CVAT 和 labelme：写出这些类别名称（例如导入的数据集所用的名称）；YOLO：classes.txt 按此顺序列出</translation>
    </message>
    <message>
        <source>whose labels: one reader&apos;s, the consensus (the default: the folder&apos;s main labels) or all (a folder per reader, named as the workspace names it: &apos;Anna&apos; in DIR/anna/, &apos;reader 1&apos; in DIR/reader_1-354be29d/, a hash added where a name had to change; in double reading DIR/consensus/; for csv also DIR/grades_by_reader.csv)</source>
        <translation>谁的标注：某位阅片者的、共识结果（默认：文件夹的主标注）或 all（每位阅片者一个文件夹，按工作区中的名称命名：&apos;Anna&apos; 写入 DIR/anna/，&apos;reader 1&apos; 写入 DIR/reader_1-354be29d/，名称须更改时加哈希；双人阅片时另有 DIR/consensus/；csv 格式还写出 DIR/grades_by_reader.csv）</translation>
    </message>
</context>
<context>
    <name>FileMessages</name>
    <message>
        <source>cannot read the file: not found</source>
        <translation>无法读取文件：未找到</translation>
    </message>
    <message>
        <source>check that the file was not moved or deleted</source>
        <translation>请检查文件是否被移动或删除</translation>
    </message>
    <message>
        <source>cannot read the file ({error})</source>
        <translation>无法读取文件（{error}）</translation>
    </message>
    <message>
        <source>check the file&apos;s permissions</source>
        <translation>请检查文件权限</translation>
    </message>
    <message>
        <source>check that the disk or network share holding it is connected, then try again</source>
        <translation>请检查存放该文件的磁盘或网络共享是否已连接，然后重试</translation>
    </message>
    <message>
        <source>is {kind}, not a regular file; nothing was read from it</source>
        <translation>是{kind}，不是普通文件；未从中读取任何内容</translation>
    </message>
    <message>
        <source>only ordinary files are read: replace it with a copy of the real file</source>
        <translation>只读取普通文件：请用真实文件的副本替换它</translation>
    </message>
    <message>
        <source>file is {size}, too large for {what} (at most {limit})</source>
        <translation>文件大小为 {size}，对 {what} 来说过大（最多 {limit}）</translation>
    </message>
    <message>
        <source>file grew beyond {limit} while it was read, too large for {what}</source>
        <translation>读取过程中文件增长超过 {limit}，对 {what} 来说过大</translation>
    </message>
    <message>
        <source>is this the right file?</source>
        <translation>这是正确的文件吗？</translation>
    </message>
    <message>
        <source>a folder</source>
        <translation>文件夹</translation>
    </message>
    <message>
        <source>a named pipe (FIFO)</source>
        <translation>命名管道（FIFO）</translation>
    </message>
    <message>
        <source>a device</source>
        <translation>设备</translation>
    </message>
    <message>
        <source>a socket</source>
        <translation>套接字</translation>
    </message>
    <message>
        <source>a special file</source>
        <translation>特殊文件</translation>
    </message>
    <message>
        <source>this kind of file</source>
        <translation>此类文件</translation>
    </message>
    <message>
        <source>a case file</source>
        <translation>病例文件</translation>
    </message>
    <message>
        <source>a record</source>
        <translation>记录文件</translation>
    </message>
    <message>
        <source>a labelImg file</source>
        <translation>labelImg 文件</translation>
    </message>
    <message>
        <source>saved AI arrays</source>
        <translation>已保存的 AI 数据</translation>
    </message>
    <message>
        <source>a damaged saved file</source>
        <translation>已损坏的保存文件</translation>
    </message>
    <message>
        <source>an autosave snapshot</source>
        <translation>自动保存快照</translation>
    </message>
    <message>
        <source>a note of a case to check</source>
        <translation>待检查病例的记录</translation>
    </message>
    <message>
        <source>a lock file</source>
        <translation>锁文件</translation>
    </message>
    <message>
        <source>owed reveals</source>
        <translation>待揭示 AI 结果的记录</translation>
    </message>
    <message>
        <source>a consensus record</source>
        <translation>共识结果记录</translation>
    </message>
    <message>
        <source>reading settings</source>
        <translation>阅片设置</translation>
    </message>
    <message>
        <source>a reader file</source>
        <translation>阅片者文件</translation>
    </message>
    <message>
        <source>a VOC annotation</source>
        <translation>VOC 标注文件</translation>
    </message>
    <message>
        <source>a CVAT annotation file</source>
        <translation>CVAT 标注文件</translation>
    </message>
    <message>
        <source>a mask</source>
        <translation>掩膜</translation>
    </message>
    <message>
        <source>a grades CSV</source>
        <translation>分级 CSV</translation>
    </message>
    <message>
        <source>YOLO labels</source>
        <translation>YOLO 标注文件</translation>
    </message>
    <message>
        <source>a COCO file</source>
        <translation>COCO 文件</translation>
    </message>
    <message>
        <source>a labelme file</source>
        <translation>labelme 文件</translation>
    </message>
    <message>
        <source>a split list</source>
        <translation>划分列表</translation>
    </message>
    <message>
        <source>a hard-negatives file</source>
        <translation>困难负样本文件</translation>
    </message>
    <message>
        <source>a model card</source>
        <translation>模型卡</translation>
    </message>
    <message>
        <source>the file cannot be decoded ({error})</source>
        <translation>无法解码文件（{error}）</translation>
    </message>
    <message>
        <source>re-export or re-copy the image; the other cases are unaffected</source>
        <translation>请重新导出或重新复制该图像；其他病例不受影响</translation>
    </message>
    <message>
        <source>it is neither a multi-frame DICOM file nor a TIFF whose pages are all grey and of one size, so it has no frame {number}</source>
        <translation>它既不是多帧 DICOM 文件，也不是每一页均为灰度且尺寸相同的 TIFF，因此没有第 {number} 帧</translation>
    </message>
    <message>
        <source>open the file itself</source>
        <translation>请直接打开该文件</translation>
    </message>
    <message>
        <source>the file is empty (0 bytes)</source>
        <translation>文件为空（0 字节）</translation>
    </message>
    <message>
        <source>re-copy the image from its source</source>
        <translation>请从来源重新复制该图像</translation>
    </message>
    <message>
        <source>the image is {width}x{height} pixels, but its case was labelled on a {labelled_width}x{labelled_height} image</source>
        <translation>图像为 {width}x{height} 像素，但该病例是在 {labelled_width}x{labelled_height} 的图像上标注的</translation>
    </message>
    <message>
        <source>put back the image it was labelled on; its labels are kept</source>
        <translation>请放回标注时所用的图像；病例的标注仍保留</translation>
    </message>
    <message>
        <source>image is too large to open safely ({megapixels} megapixels)</source>
        <translation>图像过大，无法安全打开（{megapixels} 百万像素）</translation>
    </message>
    <message>
        <source>image is too large to open safely</source>
        <translation>图像过大，无法安全打开</translation>
    </message>
    <message>
        <source>image is {width}x{height} pixels, too large to open safely</source>
        <translation>图像为 {width}x{height} 像素，过大，无法安全打开</translation>
    </message>
    <message>
        <source>images above {limit} megapixels are refused</source>
        <translation>超过 {limit} 百万像素的图像会被拒绝</translation>
    </message>
    <message>
        <source>not a readable image (unknown or damaged format)</source>
        <translation>不是可读取的图像（格式未知或已损坏）</translation>
    </message>
    <message>
        <source>supported formats are JPEG, PNG, TIFF and BMP</source>
        <translation>支持的格式为 JPEG、PNG、TIFF 和 BMP</translation>
    </message>
    <message>
        <source>the file carries metadata that cannot be read safely ({error})</source>
        <translation>文件带有无法安全读取的元数据（{error}）</translation>
    </message>
    <message>
        <source>re-save the image without its metadata; the other cases are unaffected</source>
        <translation>请去掉元数据后重新保存该图像；其他病例不受影响</translation>
    </message>
    <message>
        <source>image has no pixels</source>
        <translation>图像没有像素</translation>
    </message>
    <message>
        <source>its content is a {kind} picture: a data set cannot leave out the metadata of that format</source>
        <translation>其内容是 {kind} 格式的图片：数据集无法去除该格式中的元数据</translation>
    </message>
    <message>
        <source>save it as JPEG, PNG, TIFF or BMP; the other cases are unaffected</source>
        <translation>请将其另存为 JPEG、PNG、TIFF 或 BMP；其他病例不受影响</translation>
    </message>
    <message>
        <source>cannot be decoded ({error})</source>
        <translation>无法解码（{error}）</translation>
    </message>
    <message>
        <source>please report this file</source>
        <translation>请报告此文件</translation>
    </message>
    <message>
        <source>is a file, not a folder; nothing was written</source>
        <translation>是文件而不是文件夹；未写入任何内容</translation>
    </message>
    <message>
        <source>give a folder to write into</source>
        <translation>请指定一个用于写入的文件夹</translation>
    </message>
    <message>
        <source>is named like a file, but it is the folder the files are written into; nothing was written</source>
        <translation>名称像文件名，但这里应是写入文件的文件夹；未写入任何内容</translation>
    </message>
    <message>
        <source>not a plain name inside the output folder; nothing was written</source>
        <translation>不是输出文件夹内的普通名称；未写入任何内容</translation>
    </message>
    <message>
        <source>leads outside the output folder through a link; nothing was written</source>
        <translation>通过链接指向输出文件夹之外；未写入任何内容</translation>
    </message>
    <message>
        <source>choose an output folder without links in it</source>
        <translation>请选择不含链接的输出文件夹</translation>
    </message>
    <message>
        <source>is a link, not the program&apos;s own folder for its temporary files; nothing was written</source>
        <translation>是一个链接，而不是本程序存放临时文件的专用文件夹；未写入任何文件</translation>
    </message>
    <message>
        <source>is a folder of photos (or inside one, or holding one) and holds other files: images written here would be listed as cases; nothing was written</source>
        <translation>是照片文件夹（或位于其中，或包含照片文件夹）且含有其他文件：写入此处的图像会被列为病例；未写入任何内容</translation>
    </message>
    <message>
        <source>was opened as a folder of photos (its .retinareview folder holds their saved labels): files written here would be listed among its cases or offered as labels of its photos; nothing was written</source>
        <translation>曾作为照片文件夹打开（其 .retinareview 文件夹保存着这些照片的已保存标注）：写入此处的文件会被列为其病例，或被当作其照片的标注；未写入任何内容</translation>
    </message>
    <message>
        <source>is inside a .retinareview folder, where RetinaReview keeps the saved labels of the photos beside it: an output there could replace them; nothing was written</source>
        <translation>位于 .retinareview 文件夹内，RetinaReview 在此保存旁边照片的已保存标注：写入输出可能覆盖它们；未写入任何内容</translation>
    </message>
    <message>
        <source>write into a new or empty folder, best beside the photos</source>
        <translation>请写入新的或空的文件夹，最好放在照片文件夹旁边</translation>
    </message>
    <message>
        <source>another analysis or export is writing into this folder now; nothing was written</source>
        <translation>另一个分析或导出正在写入此文件夹；未写入任何内容</translation>
    </message>
    <message>
        <source>wait until it has finished, or choose another folder</source>
        <translation>请等待其完成，或选择其他文件夹</translation>
    </message>
    <message>
        <source>is an image the program did not write here ({count} in the way); an output never replaces a person&apos;s images, even when asked to replace files; nothing was written</source>
        <translation>是本程序未在此处写入的图像（挡路的共 {count} 个）；即使要求覆盖文件，输出也绝不替换他人的图像；未写入任何内容</translation>
    </message>
    <message>
        <source>is not a report this program wrote: a report replaces only an earlier one, whatever it is asked; nothing was written</source>
        <translation>不是本程序写入的报告：无论是否要求覆盖，报告只会替换先前的报告；未写入任何内容</translation>
    </message>
    <message>
        <source>is not a DICOM report this program wrote (an Encapsulated PDF object holding its PDF): a report replaces only an earlier one, whatever it is asked; nothing was written</source>
        <translation>不是本程序写入的 DICOM 报告（含其 PDF 的封装 PDF 对象）：无论是否要求覆盖，报告只会替换先前的报告；未写入任何内容</translation>
    </message>
    <message>
        <source>is not a screenshot this program wrote: a screenshot replaces only an earlier one, which carries the program&apos;s mark in its PNG or JPEG file, whatever it is asked (to replace one saved before screenshots carried it, delete it first); nothing was written</source>
        <translation>不是本程序写入的截图：无论是否要求覆盖，截图只会替换先前的截图（其 PNG 或 JPEG 文件中带有本程序的标记；要替换截图带标记之前保存的截图，请先删除它）；未写入任何内容</translation>
    </message>
    <message>
        <source>would be written twice in one run: two outputs share this name</source>
        <translation>会在一次运行中被写入两次：两个输出同名</translation>
    </message>
    <message>
        <source>cannot be written ({error})</source>
        <translation>无法写入（{error}）</translation>
    </message>
    <message>
        <source>choose a folder you can write to, on a disk with free space</source>
        <translation>请选择一个可写入且磁盘有剩余空间的文件夹</translation>
    </message>
    <message>
        <source>is an original image ({count} in the way); an output never replaces originals, nothing was written</source>
        <translation>是原始图像（共 {count} 个冲突）；输出从不替换原始图像，未写入任何内容</translation>
    </message>
    <message>
        <source>choose another output folder or file</source>
        <translation>请选择其他输出文件夹或文件</translation>
    </message>
    <message>
        <source>already exists ({count} file(s) in the way, not written by this run); nothing was written</source>
        <translation>已存在（{count} 个文件冲突，并非本次运行写入）；未写入任何内容</translation>
    </message>
    <message>
        <source>holds the files of an export or analysis that stopped before it ended ({count} in the way); nothing was written</source>
        <translation>存有一次未完成便已停止的导出或分析的文件（{count} 个冲突）；未写入任何内容</translation>
    </message>
    <message>
        <source>was saved here by another program while this run wrote; it was not replaced, and the run stopped</source>
        <translation>在本次运行写入期间被其他程序保存到此处；未替换该文件，运行已停止</translation>
    </message>
    <message>
        <source>kept {count} file(s) changed since an earlier run wrote them, renamed beside the ones written now, e.g. {file} as {kept}</source>
        <translation>保留了先前运行写入后又被修改的 {count} 个文件，已改名放在本次写入的文件旁边，例如 {file} 改名为 {kept}</translation>
    </message>
    <message>
        <source>removed {count} file(s) an earlier run wrote that this one no longer writes, e.g. {example}: left there they would read as this run&apos;s results</source>
        <translation>删除了先前运行写入、本次运行不再写入的 {count} 个文件，例如 {example}：留在那里会被当作本次运行的结果</translation>
    </message>
    <message>
        <source>kept {count} file(s) an earlier run wrote that this one no longer writes, e.g. {example}: changed since, they are not the program&apos;s to remove, and left there they may read as this run&apos;s results; remove them, or write into an empty folder</source>
        <translation>保留了先前运行写入、本次运行不再写入的 {count} 个文件，例如 {example}：它们此后已被修改，不应由本程序删除；留在那里可能被当作本次运行的结果；请删除它们，或写入空文件夹</translation>
    </message>
    <message>
        <source>a mask this export no longer writes for its case ({count} file(s): {names}); left beside the new masks it would say its class is absent, and no earlier export of this program wrote it as it is, so it is not removed; nothing was written</source>
        <translation>本次导出不再为其病例写入的掩膜（{count} 个文件：{names}）；留在新掩膜旁会表示该类别不存在，而它并非本程序先前导出时按原样写入的，因此不会删除；未写入任何内容</translation>
    </message>
    <message>
        <source>remove these files, or choose an empty folder</source>
        <translation>请删除这些文件，或选择空文件夹</translation>
    </message>
    <message>
        <source>choose an empty folder or a new file name, or ask to overwrite (--overwrite)</source>
        <translation>请选择空文件夹或新文件名，或要求覆盖（--overwrite）</translation>
    </message>
    <message>
        <source>choose an empty folder, or tick “Replace files already in this folder” above</source>
        <translation>请选择空文件夹，或勾选上方的“替换此文件夹中已有的文件”</translation>
    </message>
    <message>
        <source>{count} images share the output name {name}; each got its own: {renamed}</source>
        <translation>{count} 张图像的输出名称同为 {name}；已为每张另取名称：{renamed}</translation>
    </message>
    <message>
        <source>the output name {name} is the format&apos;s own file; the image got another: {renamed}</source>
        <translation>输出名称 {name} 是该格式自身的文件；该图像改用其他名称：{renamed}</translation>
    </message>
    <message>
        <source>the output name {name} reads as the lesion mask of another image beside it; the image got another: {renamed}</source>
        <translation>输出名称 {name} 会被读作同一文件夹中另一张图像的病灶掩膜；已为该图像另取名称：{renamed}</translation>
    </message>
</context>
<context>
    <name>FileOption</name>
    <message>
        <source>{text} names a folder: give the file&apos;s own name, e.g. {example}</source>
        <translation>{text} 是一个文件夹：请给出文件本身的名称，例如 {example}</translation>
    </message>
</context>
<context>
    <name>FileProblem</name>
    <message>
        <source>{path}: {reason}</source>
        <translation>{path}：{reason}</translation>
    </message>
    <message>
        <source>{path}: {reason} — {hint}</source>
        <translation>{path}：{reason}——{hint}</translation>
    </message>
</context>
<context>
    <name>FileSizes</name>
    <message>
        <source>{count} bytes</source>
        <translation>{count} 字节</translation>
    </message>
</context>
<context>
    <name>FolderListing</name>
    <message>
        <source>{folder} could not be listed to the end ({error}): the list shows its cases as last listed; File ▸ Rescan folder (Ctrl+R) tries again</source>
        <translation>{folder} 未能完整列出（{error}）：列表显示的是上次列出的病例；“文件 ▸ 重新扫描文件夹”（Ctrl+R）可重试</translation>
    </message>
</context>
<context>
    <name>FolderOpening</name>
    <message>
        <source>Not opened: {folder} is read by two readers, each under their name; open it again and give yours.</source>
        <translation>未打开：{folder} 由两位阅片者分别以各自的姓名阅片；请重新打开并填写您的姓名。</translation>
    </message>
    <message>
        <source>Open &amp;recent</source>
        <translation>最近打开(&amp;R)</translation>
    </message>
    <message>
        <source>Open a folder of images</source>
        <translation>打开图像文件夹</translation>
    </message>
    <message>
        <source>Open images</source>
        <translation>打开图像</translation>
    </message>
    <message>
        <source>Images ({patterns});;All files (*)</source>
        <translation>图像 ({patterns});;所有文件 (*)</translation>
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
        <source>labelme shapes (NAME.json): rectangles, polygons, circles, masks</source>
        <translation>labelme 形状（NAME.json）：矩形、多边形、圆形、掩膜</translation>
    </message>
    <message>
        <source>COCO (annotations.json or the chosen .json file)</source>
        <translation>COCO（annotations.json 或所选的 .json 文件）</translation>
    </message>
    <message>
        <source>CVAT for images 1.1 (annotations.xml or the chosen .xml file)</source>
        <translation>CVAT for images 1.1（annotations.xml 或所选的 .xml 文件）</translation>
    </message>
    <message>
        <source>Per-class masks, IDRiD naming (NAME_MA.png …)</source>
        <translation>按类别的掩膜，IDRiD 命名（NAME_MA.png …）</translation>
    </message>
    <message>
        <source>Indexed PNG (NAME.png, class number per pixel)</source>
        <translation>索引 PNG（NAME.png，每像素为类别编号）</translation>
    </message>
    <message>
        <source>&amp;Import</source>
        <translation>导入(&amp;I)</translation>
    </message>
    <message>
        <source>Ca&amp;ncel import</source>
        <translation>取消导入(&amp;N)</translation>
    </message>
    <message>
        <source>C&amp;hoose…</source>
        <translation>选择…(&amp;H)</translation>
    </message>
    <message>
        <source>&amp;Labels in</source>
        <translation>标注位置(&amp;L)</translation>
    </message>
    <message>
        <source>&amp;Format</source>
        <translation>格式(&amp;F)</translation>
    </message>
    <message>
        <source>Label &amp;map</source>
        <translation>标签映射(&amp;M)</translation>
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
        <source>COCO file</source>
        <translation>COCO 文件</translation>
    </message>
    <message>
        <source>COCO JSON (*.json)</source>
        <translation>COCO JSON（*.json）</translation>
    </message>
    <message>
        <source>CVAT file</source>
        <translation>CVAT 文件</translation>
    </message>
    <message>
        <source>CVAT XML (*.xml)</source>
        <translation>CVAT XML（*.xml）</translation>
    </message>
    <message>
        <source>Folder of label files</source>
        <translation>标注文件所在文件夹</translation>
    </message>
    <message>
        <source>Import cancelled.</source>
        <translation>导入已取消。</translation>
    </message>
    <message>
        <source>Import failed: {error}</source>
        <translation>导入失败：{error}</translation>
    </message>
</context>
<context>
    <name>ImportHelp</name>
    <message>
        <source>bring existing labels (VOC, YOLO, labelme, COCO, CVAT, per-class or indexed masks) into a folder&apos;s workspace</source>
        <translation>将已有标注（VOC、YOLO、labelme、COCO、CVAT、按类别掩膜或索引掩膜）导入文件夹的工作区</translation>
    </message>
    <message>
        <source>Read label files made by other tools and store them in FOLDER&apos;s workspace. Boxes from an earlier import are replaced; boxes drawn in RetinaReview are kept.</source>
        <translation>读取其他工具生成的标注文件并存入 FOLDER 的工作区。先前导入的标注框会被替换；在 RetinaReview 中绘制的标注框保留。</translation>
    </message>
    <message>
        <source>folder holding the label files (NAME.xml, NAME.txt with classes.txt, NAME.json, NAME_MA.png ..., NAME.png indexed, annotations.json, annotations.xml); for coco and cvat also the label file itself</source>
        <translation>存放标注文件的文件夹（NAME.xml、NAME.txt 及 classes.txt、NAME.json、NAME_MA.png ...、索引 NAME.png、annotations.json、annotations.xml）；coco 和 cvat 也可直接给出标注文件</translation>
    </message>
    <message>
        <source>what the labels are: {formats}</source>
        <translation>标注格式：{formats}</translation>
    </message>
    <message>
        <source>class names used in the files, e.g. hard_exudates=EX,haemorrhage=HE,optic_disc=OD</source>
        <translation>文件中使用的类别名称，例如 hard_exudates=EX,haemorrhage=HE,optic_disc=OD</translation>
    </message>
    <message>
        <source>bring the labels in as this reader&apos;s readings (their own store, compared by &apos;agreement&apos;); default: the folder&apos;s main labels, audit log names &apos;import&apos;</source>
        <translation>将标注作为该阅片者的阅片结果导入（存入其自己的存储，可由 &apos;agreement&apos; 比较）；默认：导入文件夹的主标注，审计日志记为 &apos;import&apos;</translation>
    </message>
</context>
<context>
    <name>ImportSteps</name>
    <message>
        <source>{case}: the imported labels are in its files but could not be added to its unsaved edits ({reason}). Saving it writes those edits without them: save it, then import again.</source>
        <translation>{case}：导入的标注已存入其文件，但未能加入其未保存的编辑（{reason}）。保存时写入的编辑将不含这些标注：请先保存，再重新导入。</translation>
    </message>
    <message>
        <source>{case}: the imported labels are in its files but could not be added to the case as the window held it ({reason}). It was read again from its files; its undo history starts anew.</source>
        <translation>{case}：导入的标注已存入其文件，但未能加入窗口中保留的该病例（{reason}）。已从其文件重新读取该病例；其撤销历史从头开始。</translation>
    </message>
</context>
<context>
    <name>LabelFileMessages</name>
    <message>
        <source>{where}: {repair}</source>
        <translation>{where}：{repair}</translation>
    </message>
    <message>
        <source>{image} {where}: {repair}</source>
        <translation>{image} {where}：{repair}</translation>
    </message>
    <message>
        <source>{where}: a rectangle needs 2 corners, it has {count}; skipped</source>
        <translation>{where}：矩形需要 2 个角点，实有 {count} 个；已跳过</translation>
    </message>
    <message>
        <source>{where}: an oriented rectangle needs 4 corners, it has {count}; skipped</source>
        <translation>{where}：旋转矩形需要 4 个角点，实有 {count} 个；已跳过</translation>
    </message>
    <message>
        <source>{where}: turned, taken as its axis-aligned bounding box</source>
        <translation>{where}：有旋转，已取其与坐标轴对齐的外接框</translation>
    </message>
    <message>
        <source>{where}: a circle needs its centre and a rim point; skipped</source>
        <translation>{where}：圆需要圆心和一个边缘点；已跳过</translation>
    </message>
    <message>
        <source>{where}: a polygon needs 3 points or more; skipped</source>
        <translation>{where}：多边形至少需要 3 个点；已跳过</translation>
    </message>
    <message>
        <source>image size is {width}x{height}; the file needs the image&apos;s real size (open and save it in labelImg to fill it in)</source>
        <translation>图像尺寸为 {width}x{height}；文件需要图像的真实尺寸（在 labelImg 中打开并保存即可补上）</translation>
    </message>
    <message>
        <source>not well-formed XML ({error}); re-save it in labelImg or fix the line named</source>
        <translation>XML 格式不正确（{error}）；请在 labelImg 中重新保存，或修正所指的行</translation>
    </message>
    <message>
        <source>contains a DOCTYPE declaration, which VOC files never need and which can make a parser read other files; refused</source>
        <translation>含有 DOCTYPE 声明，VOC 文件从不需要它，且它可能让解析器读取其他文件；已拒绝</translation>
    </message>
    <message>
        <source>root element is &lt;{tag}&gt;, expected &lt;annotation&gt; (is this a VOC file?)</source>
        <translation>根元素为 &lt;{tag}&gt;，应为 &lt;annotation&gt;（这是 VOC 文件吗？）</translation>
    </message>
    <message>
        <source>{where} has no &lt;bndbox&gt;</source>
        <translation>{where} 没有 &lt;bndbox&gt;</translation>
    </message>
    <message>
        <source>{where}: &lt;{tag}&gt; is missing or empty</source>
        <translation>{where}：&lt;{tag}&gt; 缺失或为空</translation>
    </message>
    <message>
        <source>{where}: {text} is not a number</source>
        <translation>{where}：{text} 不是数字</translation>
    </message>
    <message>
        <source>{where}: {text} is not a finite number</source>
        <translation>{where}：{text} 不是有限数</translation>
    </message>
    <message>
        <source>line {line} has {count} fields; a YOLO line is &apos;class x_centre y_centre width height&apos;, or &apos;class x1 y1 x2 y2 x3 y3 …&apos; for an outline</source>
        <translation>第 {line} 行有 {count} 个字段；YOLO 的一行应为“class x_centre y_centre width height”，轮廓则为“class x1 y1 x2 y2 x3 y3 …”</translation>
    </message>
    <message>
        <source>line {line}: class {index} is not a line of {classes} (it names {count} class(es))</source>
        <translation>第 {line} 行：类别 {index} 不是 {classes} 中的一行（其中列出 {count} 个类别）</translation>
    </message>
    <message>
        <source>line {line}: {text} is not a number</source>
        <translation>第 {line} 行：{text} 不是数字</translation>
    </message>
    <message>
        <source>line {line}: {text} is not a finite number</source>
        <translation>第 {line} 行：{text} 不是有限数</translation>
    </message>
    <message>
        <source>is not UTF-8 text ({error}); is this a YOLO label file?</source>
        <translation>不是 UTF-8 文本（{error}）；这是 YOLO 标注文件吗？</translation>
    </message>
    <message>
        <source>not found; YOLO labels need the class names, one a line, as labelImg saves them beside the .txt files</source>
        <translation>未找到；YOLO 标注需要类别名称文件（每行一个），即 labelImg 保存在 .txt 文件旁边的那个文件</translation>
    </message>
    <message>
        <source>&apos;shapes&apos; must be a list of objects (is this a labelme file?)</source>
        <translation>“shapes”必须是对象列表（这是 labelme 文件吗？）</translation>
    </message>
    <message>
        <source>not a labelme file: expected an object at the top level</source>
        <translation>不是 labelme 文件：顶层应为一个对象</translation>
    </message>
    <message>
        <source>imageWidth and imageHeight are missing or not numbers; open and save it in labelme to fill them in</source>
        <translation>imageWidth 和 imageHeight 缺失或不是数字；在 labelme 中打开并保存即可补上</translation>
    </message>
    <message>
        <source>claims an image of {width}x{height} pixels; expected a real image size (at most {limit} megapixels)</source>
        <translation>声明图像为 {width}x{height} 像素；应为真实的图像尺寸（最多 {limit} 百万像素）</translation>
    </message>
    <message>
        <source>{where}: &apos;points&apos; must be a list of [x, y] pairs</source>
        <translation>{where}：“points”必须是 [x, y] 坐标对的列表</translation>
    </message>
    <message>
        <source>{where}: a point lies far outside the {width}x{height} image or is not a number</source>
        <translation>{where}：有一个点远在 {width}x{height} 图像之外，或不是数字</translation>
    </message>
    <message>
        <source>{where}: a mask needs the 2 corners of its box, it has {count}</source>
        <translation>{where}：掩膜需要其外框的 2 个角点，实有 {count} 个</translation>
    </message>
    <message>
        <source>{where}: &apos;mask&apos; is not a base64-encoded PNG ({error})</source>
        <translation>{where}：“mask”不是 base64 编码的 PNG（{error}）</translation>
    </message>
    <message>
        <source>{where}: the mask&apos;s bitmap is {width}x{height} pixels, larger than the {image_width}x{image_height} image</source>
        <translation>{where}：掩膜位图为 {width}x{height} 像素，大于 {image_width}x{image_height} 的图像</translation>
    </message>
    <message>
        <source>{where}: the mask&apos;s bitmap has more than one channel (mode {mode}); labelme can place only one-channel bitmaps: re-encode the shape&apos;s bitmap as a one-channel (black and white) PNG</source>
        <translation>{where}：掩膜位图有多个通道（模式 {mode}）；labelme 只能放置单通道位图：请将该形状的位图重新编码为单通道（黑白）PNG</translation>
    </message>
    <message>
        <source>not a COCO file: expected lists &apos;images&apos; and &apos;categories&apos; at the top level</source>
        <translation>不是 COCO 文件：顶层应有“images”和“categories”列表</translation>
    </message>
    <message>
        <source>not a COCO file: &apos;annotations&apos; must be a list</source>
        <translation>不是 COCO 文件：“annotations”必须是列表</translation>
    </message>
    <message>
        <source>not a COCO file: every entry of &apos;{key}&apos; must be an object</source>
        <translation>不是 COCO 文件：“{key}”的每一项都必须是对象</translation>
    </message>
    <message>
        <source>category {name} has no valid id (a number)</source>
        <translation>类别 {name} 没有有效的 id（数字）</translation>
    </message>
    <message>
        <source>image entry {entry} lacks id, file_name, width or height</source>
        <translation>图像条目 {entry} 缺少 id、file_name、width 或 height</translation>
    </message>
    <message>
        <source>image {name} claims a size of {width}x{height} pixels; expected a real image size (at most {limit} megapixels)</source>
        <translation>图像 {name} 声明尺寸为 {width}x{height} 像素；应为真实的图像尺寸（最多 {limit} 百万像素）</translation>
    </message>
    <message>
        <source>annotation {id} is malformed ({error}); fix or remove it</source>
        <translation>标注 {id} 格式错误（{error}）；请修正或删除</translation>
    </message>
    <message>
        <source>{where} refers to image {id}, which is not listed</source>
        <translation>{where} 引用了未列出的图像 {id}</translation>
    </message>
    <message>
        <source>{where} refers to category {id}, which is not listed</source>
        <translation>{where} 引用了未列出的类别 {id}</translation>
    </message>
    <message>
        <source>{where} has neither a segmentation nor a bbox [x, y, width, height]</source>
        <translation>{where} 既没有 segmentation，也没有 bbox [x, y, width, height]</translation>
    </message>
    <message>
        <source>{where}: RLE has no valid size ({error})</source>
        <translation>{where}：RLE 没有有效的尺寸（{error}）</translation>
    </message>
    <message>
        <source>{where}: RLE size {size} is not [height, width]</source>
        <translation>{where}：RLE 尺寸 {size} 不是 [height, width]</translation>
    </message>
    <message>
        <source>{where}: RLE is {width}x{height} but the image is {image_width}x{image_height}</source>
        <translation>{where}：RLE 为 {width}x{height}，但图像为 {image_width}x{image_height}</translation>
    </message>
    <message>
        <source>{where}: unreadable RLE ({error})</source>
        <translation>{where}：无法读取的 RLE（{error}）</translation>
    </message>
    <message>
        <source>{where}: segmentation is neither RLE nor polygons ({error})</source>
        <translation>{where}：segmentation 既不是 RLE 也不是多边形（{error}）</translation>
    </message>
    <message>
        <source>holds {count} .json files and no {default}; give the COCO file itself with --from</source>
        <translation>含有 {count} 个 .json 文件但没有 {default}；请用 --from 直接指定 COCO 文件</translation>
    </message>
    <message>
        <source>not well-formed XML ({error}); export the task from CVAT again or fix the line named</source>
        <translation>XML 格式不正确（{error}）；请从 CVAT 重新导出该任务，或修正所指的行</translation>
    </message>
    <message>
        <source>is a zip archive, as CVAT downloads an export; unzip it and import the folder it holds (its annotations.xml)</source>
        <translation>是 zip 压缩包（CVAT 下载的导出即是如此）；请先解压，再导入解压出的文件夹（其中的 annotations.xml）</translation>
    </message>
    <message>
        <source>contains a DOCTYPE declaration, which CVAT files never need and which can make a parser read other files; refused</source>
        <translation>含有 DOCTYPE 声明，CVAT 文件从不需要它，且它可能让解析器读取其他文件；已拒绝</translation>
    </message>
    <message>
        <source>root element is &lt;{tag}&gt;, expected &lt;annotations&gt; (is this a CVAT XML file?)</source>
        <translation>根元素为 &lt;{tag}&gt;，应为 &lt;annotations&gt;（这是 CVAT XML 文件吗？）</translation>
    </message>
    <message>
        <source>holds tracks (CVAT for video 1.1); export the task as &apos;CVAT for images 1.1&apos; instead</source>
        <translation>含有轨迹（CVAT for video 1.1）；请改为以“CVAT for images 1.1”导出该任务</translation>
    </message>
    <message>
        <source>image entry {entry} lacks a name, width or height</source>
        <translation>图像条目 {entry} 缺少 name、width 或 height</translation>
    </message>
    <message>
        <source>image {name} is listed twice; whose shapes are whose cannot be told</source>
        <translation>图像 {name} 出现两次，无法分辨各形状属于哪张图像</translation>
    </message>
    <message>
        <source>cannot be read ({error})</source>
        <translation>无法读取（{error}）</translation>
    </message>
    <message>
        <source>is a zip archive, as CVAT downloads an export; unzip it and import its COCO file (annotations/instances_default.json in CVAT&apos;s)</source>
        <translation>是 zip 压缩包（CVAT 下载的导出即是如此）；请先解压，再导入其中的 COCO 文件（CVAT 导出中为 annotations/instances_default.json）</translation>
    </message>
    <message>
        <source>{where}: attribute {name} is missing or empty</source>
        <translation>{where}：属性 {name} 缺失或为空</translation>
    </message>
    <message>
        <source>{where}: points must read x0,y0;x1,y1;…</source>
        <translation>{where}：points 的格式应为 x0,y0;x1,y1;…</translation>
    </message>
    <message>
        <source>{where}: the mask&apos;s box (left, top, width, height) {box} reaches outside the {width}x{height} image</source>
        <translation>{where}：掩膜的范围（left、top、width、height）{box} 超出了 {width}x{height} 图像</translation>
    </message>
    <message>
        <source>{where}: rotated by {angle}°, taken as its axis-aligned bounding box</source>
        <translation>{where}：旋转了 {angle}°，已取其与坐标轴对齐的外接框</translation>
    </message>
    <message>
        <source>holds {count} .xml files and no {default}; give the CVAT file itself with --from</source>
        <translation>含有 {count} 个 .xml 文件但没有 {default}；请用 --from 直接指定 CVAT 文件</translation>
    </message>
    <message>
        <source>indexed mask has mode {mode}; expected a palette or greyscale PNG whose pixel values are class numbers (0 background, 1 MA ... 5 OD)</source>
        <translation>索引掩膜的模式为 {mode}；应为像素值即类别编号的调色板或灰度 PNG（0 背景，1 MA … 5 OD）</translation>
    </message>
    <message>
        <source>indexed mask has values {values} that are no class number (expected 0, {classes} or overlaps {overlaps})</source>
        <translation>索引掩膜含有不是类别编号的值 {values}（应为 0、{classes} 或重叠值 {overlaps}）</translation>
    </message>
    <message>
        <source>mask is too large to open safely ({error})</source>
        <translation>掩膜过大，无法安全打开（{error}）</translation>
    </message>
    <message>
        <source>not a readable mask image ({error})</source>
        <translation>不是可读取的掩膜图像（{error}）</translation>
    </message>
    <message>
        <source>not a readable mask image (unknown or damaged format)</source>
        <translation>不是可读取的掩膜图像（格式未知或已损坏）</translation>
    </message>
    <message>
        <source>mask is {width}x{height} pixels, too large to open safely</source>
        <translation>掩膜为 {width}x{height} 像素，过大，无法安全打开</translation>
    </message>
    <message>
        <source>mask is {width}x{height} but the image is {image_width}x{image_height}; masks must have the image&apos;s exact size</source>
        <translation>掩膜为 {width}x{height}，但图像为 {image_width}x{image_height}；掩膜必须与图像尺寸完全一致</translation>
    </message>
    <message>
        <source>looks like a photo, not a class mask (besides black it holds many shades or more than one hue); replace it with the class&apos;s mask, black and one colour, or move it out of the labels folder</source>
        <translation>看起来是照片而不是类别掩膜（除黑色外含有大量色阶或不止一种色调）；请换成该类别的掩膜（黑色加一种颜色），或将其移出标注文件夹</translation>
    </message>
    <message>
        <source>mask file cannot be decoded ({error})</source>
        <translation>无法解码掩膜文件（{error}）</translation>
    </message>
    <message>
        <source>{other} is the photo&apos;s {cls} mask too; none of its masks was read: keep one of the two and import again</source>
        <translation>{other} 也是该照片的 {cls} 掩膜；该照片的掩膜均未读取：请只保留其中一个，然后重新导入</translation>
    </message>
    <message>
        <source>not UTF-8 text ({error}); save it as CSV UTF-8</source>
        <translation>不是 UTF-8 文本（{error}）；请另存为 CSV UTF-8</translation>
    </message>
    <message>
        <source>not a readable CSV ({error}); save it as CSV UTF-8 with the columns {columns}</source>
        <translation>不是可读取的 CSV（{error}）；请另存为含 {columns} 列的 CSV UTF-8</translation>
    </message>
    <message>
        <source>missing column(s) {missing}; the header must start with {columns}</source>
        <translation>缺少列 {missing}；表头必须以 {columns} 开头</translation>
    </message>
    <message>
        <source>line {line}: the image name is empty</source>
        <translation>第 {line} 行：图像名称为空</translation>
    </message>
    <message>
        <source>line {line}: image {name} is listed twice</source>
        <translation>第 {line} 行：图像 {name} 重复列出</translation>
    </message>
    <message>
        <source>{where}: Referable is {text}; expected yes, no or empty</source>
        <translation>{where}：Referable 为 {text}；应为 yes、no 或空</translation>
    </message>
    <message>
        <source>{where}: OCT class {text} is not one of {names}</source>
        <translation>{where}：OCT 类别 {text} 不在 {names} 之中</translation>
    </message>
    <message>
        <source>{where}: {column} is {text}; expected a whole number 0-{highest} or empty</source>
        <translation>{where}：{column} 为 {text}；应为 0-{highest} 的整数或空</translation>
    </message>
    <message>
        <source>{where}: {column} is {text}; expected a whole number 0-{highest}, {ungradable} (an ungradable photo) or empty</source>
        <translation>{where}：{column} 为 {text}；应为 0-{highest} 的整数、{ungradable}（照片无法分级）或空</translation>
    </message>
</context>
<context>
    <name>LabelFilePlaces</name>
    <message>
        <source>object {index} ({name})</source>
        <translation>第 {index} 个对象（{name}）</translation>
    </message>
    <message>
        <source>object {index} ({name})/{tag}</source>
        <translation>第 {index} 个对象（{name}）/{tag}</translation>
    </message>
    <message>
        <source>shape {number} ({name}, {kind})</source>
        <translation>第 {number} 个形状（{name}，{kind}）</translation>
    </message>
    <message>
        <source>annotation {id}</source>
        <translation>标注 {id}</translation>
    </message>
    <message>
        <source>line {line} ({name})</source>
        <translation>第 {line} 行（{name}）</translation>
    </message>
    <message>
        <source>image {image}, {kind} {number} ({name})</source>
        <translation>图像 {image} 的第 {number} 个 {kind}（{name}）</translation>
    </message>
    <message>
        <source>image {image}, {kind} {number} ({name})/{field}</source>
        <translation>图像 {image} 的第 {number} 个 {kind}（{name}）/{field}</translation>
    </message>
</context>
<context>
    <name>LabelImgNote</name>
    <message>
        <source>{count} photo(s) have labelImg boxes beside them (NAME.xml, e.g. {example}) not imported yet, or changed since their import: they are not shown until Annotate ▸ Import labels (Pascal VOC) brings them in.</source>
        <translation>{count} 张照片旁有尚未导入、或导入后已修改的 labelImg 框（NAME.xml，例如 {example}）：需通过“标注 ▸ 导入标注（Pascal VOC）”导入后才会显示。</translation>
    </message>
    <message>
        <source>Annotate ▸ Import labels, set to Pascal VOC and to the files beside the photos</source>
        <translation>标注 ▸ 导入标注，已设为 Pascal VOC 及照片旁的文件</translation>
    </message>
</context>
<context>
    <name>LabelMaps</name>
    <message>
        <source>label map entry {entry} is not of the form name=CLASS (for example haemorrhage=HE)</source>
        <translation>标签映射条目 {entry} 不是 name=CLASS 的形式（例如 haemorrhage=HE）</translation>
    </message>
    <message>
        <source>label map names {name} twice, as {first} and {second}</source>
        <translation>标签映射两次列出 {name}，分别为 {first} 和 {second}</translation>
    </message>
    <message>
        <source>unknown lesion class {name}; expected one of {accepted}</source>
        <translation>未知的病灶类别 {name}；应为以下之一：{accepted}</translation>
    </message>
</context>
<context>
    <name>LockHolders</name>
    <message>
        <source>process {pid} on {host} (since {started})</source>
        <translation>主机 {host} 上的进程 {pid}，自 {started} 起</translation>
    </message>
    <message>
        <source>reader {reader} on {host}, process {pid} (since {started})</source>
        <translation>阅片者 {reader}，主机 {host} 上的进程 {pid}，自 {started} 起</translation>
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
    <name>ModelMessages</name>
    <message>
        <source>model card lacks {fields}</source>
        <translation>模型卡缺少 {fields}</translation>
    </message>
    <message>
        <source>every model.json needs name, task, architecture, encoder and classes</source>
        <translation>每个 model.json 都需要 name、task、architecture、encoder 和 classes</translation>
    </message>
    <message>
        <source>invalid model card: {problems}</source>
        <translation>模型卡无效：{problems}</translation>
    </message>
    <message>
        <source>compare it with a card written by `retina-review train`</source>
        <translation>请与 `retina-review train` 写出的模型卡对照</translation>
    </message>
    <message>
        <source>model card has a malformed field ({error})</source>
        <translation>模型卡有格式错误的字段（{error}）</translation>
    </message>
    <message>
        <source>fix model.json or re-export the model</source>
        <translation>请修正 model.json 或重新导出模型</translation>
    </message>
    <message>
        <source>model card not found</source>
        <translation>未找到模型卡</translation>
    </message>
    <message>
        <source>a model is a folder holding {weights} and {card}</source>
        <translation>模型是一个包含 {weights} 和 {card} 的文件夹</translation>
    </message>
    <message>
        <source>cannot read the model card ({error})</source>
        <translation>无法读取模型卡（{error}）</translation>
    </message>
    <message>
        <source>restore model.json from the model&apos;s source</source>
        <translation>请从模型的来源恢复 model.json</translation>
    </message>
    <message>
        <source>model card is not a JSON object</source>
        <translation>模型卡不是 JSON 对象</translation>
    </message>
    <message>
        <source>a second model for task {task} (already using {path})</source>
        <translation>任务 {task} 的第二个模型（已在使用 {path}）</translation>
    </message>
    <message>
        <source>pass one model per task</source>
        <translation>每个任务只给一个模型</translation>
    </message>
    <message>
        <source>is a {actual} model, not a {task} model</source>
        <translation>是 {actual} 模型，而不是 {task} 模型</translation>
    </message>
    <message>
        <source>choose a {task} model for that task in Settings</source>
        <translation>请在“设置”中为该任务选择一个 {task} 模型</translation>
    </message>
    <message>
        <source>weights file missing</source>
        <translation>缺少权重文件</translation>
    </message>
    <message>
        <source>copy {weights} next to {card}</source>
        <translation>请把 {weights} 复制到 {card} 旁边</translation>
    </message>
    <message>
        <source>model card has no sha256 of the weights</source>
        <translation>模型卡没有权重的 sha256</translation>
    </message>
    <message>
        <source>re-save the model with inference.model_card.save_model_folder</source>
        <translation>请用 inference.model_card.save_model_folder 重新保存模型</translation>
    </message>
    <message>
        <source>checksum mismatch (card says {expected}…, file is {actual}…)</source>
        <translation>校验和不符（模型卡为 {expected}…，文件为 {actual}…）</translation>
    </message>
    <message>
        <source>the file is damaged or not the one the card describes; copy the model again</source>
        <translation>文件已损坏，或不是模型卡所描述的文件；请重新复制模型</translation>
    </message>
    <message>
        <source>cannot read the weights ({error})</source>
        <translation>无法读取权重（{error}）</translation>
    </message>
    <message>
        <source>copy the model again</source>
        <translation>请重新复制模型</translation>
    </message>
    <message>
        <source>checkpoint not found</source>
        <translation>未找到检查点</translation>
    </message>
    <message>
        <source>check the path</source>
        <translation>请检查路径</translation>
    </message>
    <message>
        <source>refused: the checkpoint contains Python objects other than tensors, which could run code when loaded</source>
        <translation>已拒绝：该检查点含有张量以外的 Python 对象，加载时可能执行代码</translation>
    </message>
    <message>
        <source>export it as a plain state_dict or safetensors</source>
        <translation>请将其导出为纯 state_dict 或 safetensors</translation>
    </message>
    <message>
        <source>not a readable PyTorch checkpoint ({error})</source>
        <translation>不是可读取的 PyTorch 检查点（{error}）</translation>
    </message>
    <message>
        <source>check that the file is complete</source>
        <translation>请检查文件是否完整</translation>
    </message>
    <message>
        <source>the checkpoint holds no state dict</source>
        <translation>该检查点不含 state dict</translation>
    </message>
    <message>
        <source>save model.state_dict(), not the model</source>
        <translation>请保存 model.state_dict()，而不是模型本身</translation>
    </message>
    <message>
        <source>entry {key} is not a tensor</source>
        <translation>条目 {key} 不是张量</translation>
    </message>
    <message>
        <source>save model.state_dict() only</source>
        <translation>请只保存 model.state_dict()</translation>
    </message>
    <message>
        <source>architecture {spec} not understood</source>
        <translation>无法理解架构 {spec}</translation>
    </message>
    <message>
        <source>give it as ARCHITECTURE:ENCODER, e.g. unet:resnet34, unetplusplus:efficientnet-b0, manet:se_resnext50_32x4d</source>
        <translation>请写成 ARCHITECTURE:ENCODER，例如 unet:resnet34、unetplusplus:efficientnet-b0、manet:se_resnext50_32x4d</translation>
    </message>
    <message>
        <source>no segmentation_head in the checkpoint</source>
        <translation>检查点中没有 segmentation_head</translation>
    </message>
    <message>
        <source>only segmentation-models-pytorch segmentation checkpoints are accepted</source>
        <translation>只接受 segmentation-models-pytorch 的分割检查点</translation>
    </message>
    <message>
        <source>{count} classes given but the checkpoint outputs {channels} channels</source>
        <translation>给出了 {count} 个类别，但检查点输出 {channels} 个通道</translation>
    </message>
    <message>
        <source>list one class name per output channel</source>
        <translation>请为每个输出通道列出一个类别名</translation>
    </message>
    <message>
        <source>the checkpoint outputs {channels} channels; cannot guess the classes</source>
        <translation>检查点输出 {channels} 个通道；无法推断类别</translation>
    </message>
    <message>
        <source>give the class names, one per channel (e.g. background,MA,HE,EX,SE)</source>
        <translation>请给出类别名，每个通道一个（例如 background,MA,HE,EX,SE）</translation>
    </message>
    <message>
        <source>weights do not fit {architecture} {kind} with encoder {encoder} and {classes} classes: {details}</source>
        <translation>权重与编码器为 {encoder}、{classes} 个类别的 {architecture} {kind}网络不匹配：{details}</translation>
    </message>
    <message>
        <source>check the architecture, encoder and classes</source>
        <translation>请检查架构、编码器和类别</translation>
    </message>
    <message>
        <source>no such model</source>
        <translation>没有这个模型</translation>
    </message>
    <message>
        <source>known models: {known}; searched {searched}</source>
        <translation>已知模型：{known}；已搜索 {searched}</translation>
    </message>
    <message>
        <source>none installed</source>
        <translation>未安装任何模型</translation>
    </message>
    <message>
        <source>not a model folder or a PyTorch checkpoint</source>
        <translation>不是模型文件夹，也不是 PyTorch 检查点</translation>
    </message>
    <message>
        <source>give a folder with {weights} + {card}, or a {suffixes} state dict</source>
        <translation>请给出含 {weights} + {card} 的文件夹，或 {suffixes} 格式的 state dict</translation>
    </message>
    <message>
        <source>a plain checkpoint does not say its architecture</source>
        <translation>纯检查点不含其架构信息</translation>
    </message>
    <message>
        <source>give it, e.g. --arch unet:resnet34</source>
        <translation>请给出架构，例如 --arch unet:resnet34</translation>
    </message>
    <message>
        <source>Grad-CAM layer not found in the model</source>
        <translation>模型中找不到 Grad-CAM 层</translation>
    </message>
    <message>
        <source>set cam_layer in model.json to a module name such as {candidates}</source>
        <translation>请在 model.json 中把 cam_layer 设为模块名，例如 {candidates}</translation>
    </message>
    <message>
        <source>a patch classifier takes {patch} patches, the card says {given}</source>
        <translation>图块分类器接受 {patch} 的图块，模型卡写的是 {given}</translation>
    </message>
    <message>
        <source>retrain it with `retina-review train candidates`</source>
        <translation>请用 `retina-review train candidates` 重新训练</translation>
    </message>
    <message>
        <source>unknown segmentation architecture {name}</source>
        <translation>未知的分割架构 {name}</translation>
    </message>
    <message>
        <source>use one of {choices}</source>
        <translation>请使用以下之一：{choices}</translation>
    </message>
    <message>
        <source>cannot build {architecture} with encoder {encoder} ({error})</source>
        <translation>无法用编码器 {encoder} 构建 {architecture}（{error}）</translation>
    </message>
    <message>
        <source>check the encoder name in model.json</source>
        <translation>请检查 model.json 中的编码器名称</translation>
    </message>
    <message>
        <source>unknown timm model {name}</source>
        <translation>未知的 timm 模型 {name}</translation>
    </message>
    <message>
        <source>see timm.list_models() for the names</source>
        <translation>名称见 timm.list_models()</translation>
    </message>
    <message>
        <source>unknown timm encoder {name}</source>
        <translation>未知的 timm 编码器 {name}</translation>
    </message>
    <message>
        <source>see timm.list_models()</source>
        <translation>见 timm.list_models()</translation>
    </message>
    <message>
        <source>unknown encoder {name}</source>
        <translation>未知的编码器 {name}</translation>
    </message>
    <message>
        <source>use a segmentation-models-pytorch encoder name, &apos;tu-&lt;timm name&gt;&apos; or, for classifiers, &apos;timm:&lt;timm name&gt;&apos;</source>
        <translation>请使用 segmentation-models-pytorch 的编码器名、&apos;tu-&lt;timm 名称&gt;&apos;，分类器也可用 &apos;timm:&lt;timm 名称&gt;&apos;</translation>
    </message>
    <message>
        <source>cannot draw {classes} for the model around it: a member is a lesion-segmentation model in pixels mode with those classes, input size {size}, the same field-of-view crop and padding, and no members of its own</source>
        <translation>无法为其所属模型绘制 {classes}：成员须为 pixels 模式的 lesion-segmentation 模型，含这些类别，输入尺寸 {size}，视野裁剪与填充相同，且自身没有成员</translation>
    </message>
    <message>
        <source>not the member the model around it pins (member_sha256 {expected}…, this member&apos;s {actual}…)</source>
        <translation>不是所属模型指定的成员（member_sha256 为 {expected}…，此成员为 {actual}…）</translation>
    </message>
    <message>
        <source>copy the whole model folder again, or assemble it again with inference.training.ship_member</source>
        <translation>重新复制整个模型文件夹，或用 inference.training.ship_member 重新组装</translation>
    </message>
    <message>
        <source>segmentation</source>
        <translation>分割</translation>
    </message>
    <message>
        <source>classifier</source>
        <translation>分类</translation>
    </message>
</context>
<context>
    <name>ObjectListController</name>
    <message>
        <source>Objects</source>
        <translation>对象</translation>
    </message>
</context>
<context>
    <name>OpenCommand</name>
    <message>
        <source>{option} needs --screenshot OUT.png: without it nothing is waited for or saved</source>
        <translation>{option} 需要与 --screenshot OUT.png 一起使用：否则不会等待也不会保存任何内容</translation>
    </message>
    <message>
        <source>{first} and {second} need --screenshot OUT.png: without it nothing is waited for or saved</source>
        <translation>{first} 和 {second} 需要与 --screenshot OUT.png 一起使用：否则不会等待也不会保存任何内容</translation>
    </message>
    <message>
        <source>no display found (DISPLAY and WAYLAND_DISPLAY are unset); start RetinaReview from a desktop session, or use --screenshot OUT.png to render the window without one</source>
        <translation>未找到显示器（DISPLAY 和 WAYLAND_DISPLAY 均未设置）；请在桌面会话中启动 RetinaReview，或使用 --screenshot OUT.png 在无显示器时渲染窗口</translation>
    </message>
    <message>
        <source>--settings {path}: {problem}</source>
        <translation>--settings {path}：{problem}</translation>
    </message>
    <message>
        <source>an image; the settings would be written over it: give an .ini file</source>
        <translation>这是一张图像；设置会覆盖它：请给出 .ini 文件</translation>
    </message>
    <message>
        <source>not a file</source>
        <translation>不是文件</translation>
    </message>
    <message>
        <source>cannot be read ({reason})</source>
        <translation>无法读取（{reason}）</translation>
    </message>
    <message>
        <source>not this program&apos;s settings file ({why}), and the settings would be written over it: give a new file or one the program wrote</source>
        <translation>不是本程序的设置文件（{why}），设置会覆盖它：请给出新文件或本程序写入的文件</translation>
    </message>
    <message>
        <source>larger than a settings file</source>
        <translation>比设置文件大得多</translation>
    </message>
    <message>
        <source>line {number}: [{section}] is not a section of its settings</source>
        <translation>第 {number} 行：[{section}] 不是本程序设置中的节</translation>
    </message>
    <message>
        <source>line {number} is not a setting (key=value)</source>
        <translation>第 {number} 行不是设置项（key=value）</translation>
    </message>
    <message>
        <source>line {number}: {key} is not one of its settings</source>
        <translation>第 {number} 行：{key} 不是本程序的设置项</translation>
    </message>
    <message>
        <source>analysis still running after {seconds} s; saving the window as it is</source>
        <translation>{seconds} 秒后分析仍在进行；按当前窗口保存</translation>
    </message>
    <message>
        <source>saved {path}</source>
        <translation>已保存 {path}</translation>
    </message>
    <message>
        <source>cannot write {path}: not an image format the program writes; name it .png</source>
        <translation>无法写入 {path}：不是本程序可写的图像格式；请命名为 .png</translation>
    </message>
    <message>
        <source>could not write {path} ({reason}); check the folder exists and is writable</source>
        <translation>无法写入 {path}（{reason}）；请检查文件夹是否存在且可写</translation>
    </message>
</context>
<context>
    <name>OpenHelp</name>
    <message>
        <source>open the review window (optionally on a folder or image files)</source>
        <translation>打开审阅窗口（可指定文件夹或图像文件）</translation>
    </message>
    <message>
        <source>Open the review window on a folder of images or on image files of one folder.</source>
        <translation>在图像文件夹或同一文件夹中的图像文件上打开审阅窗口。</translation>
    </message>
    <message>
        <source>a folder, or image files</source>
        <translation>文件夹或图像文件</translation>
    </message>
    <message>
        <source>wait until the first case is analysed, save the window as a PNG and exit</source>
        <translation>等到第一个病例分析完成，将窗口保存为 PNG 后退出</translation>
    </message>
    <message>
        <source>with --screenshot: give up waiting for the analysis after this long (default {seconds})</source>
        <translation>配合 --screenshot：等待分析超过此时长即放弃（默认 {seconds}）</translation>
    </message>
    <message>
        <source>with --screenshot: replace an earlier screenshot of that name (never a photo or another file)</source>
        <translation>配合 --screenshot：替换同名的先前截图（绝不替换照片或其他文件）</translation>
    </message>
    <message>
        <source>read and write settings in this file instead of the user&apos;s preferences</source>
        <translation>在此文件中读写设置，而不是用户的偏好设置</translation>
    </message>
    <message>
        <source>interface language for this run (default: the Settings choice, else the system&apos;s)</source>
        <translation>本次运行的界面语言（默认：设置中的选择，否则为系统语言）</translation>
    </message>
</context>
<context>
    <name>OsReasons</name>
    <message>
        <source>the disk or folder is read-only</source>
        <translation>磁盘或文件夹为只读</translation>
    </message>
    <message>
        <source>the disk is full</source>
        <translation>磁盘已满</translation>
    </message>
    <message>
        <source>permission denied</source>
        <translation>没有权限</translation>
    </message>
    <message>
        <source>a part of the path is a file, not a folder</source>
        <translation>路径中的某一部分是文件，而不是文件夹</translation>
    </message>
    <message>
        <source>the file or folder does not exist</source>
        <translation>文件或文件夹不存在</translation>
    </message>
    <message>
        <source>input/output error on the disk or network share</source>
        <translation>磁盘或网络共享发生输入/输出错误</translation>
    </message>
    <message>
        <source>the disk or network share did not answer in time</source>
        <translation>磁盘或网络共享未及时响应</translation>
    </message>
    <message>
        <source>the connection to the network share was lost</source>
        <translation>与网络共享的连接已断开</translation>
    </message>
</context>
<context>
    <name>OutputMessages</name>
    <message>
        <source>unknown output {kinds}; choose from {choices}</source>
        <translation>未知的输出 {kinds}；请从以下选择：{choices}</translation>
    </message>
    <message>
        <source>(none given)</source>
        <translation>（未给出）</translation>
    </message>
</context>
<context>
    <name>OutputRenamings</name>
    <message>
        <source>{path} -&gt; {stem}</source>
        <translation>{path} → {stem}</translation>
    </message>
</context>
<context>
    <name>PathsToOpen</name>
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
    <message>
        <source>Zoom out</source>
        <translation>缩小</translation>
    </message>
    <message>
        <source>Zoom in</source>
        <translation>放大</translation>
    </message>
    <message>
        <source>Fit width</source>
        <translation>适合宽度</translation>
    </message>
</context>
<context>
    <name>PhotoErrors</name>
    <message>
        <source>cannot encode the results ({error})</source>
        <translation>无法编码结果（{error}）</translation>
    </message>
    <message>
        <source>no result</source>
        <translation>没有结果</translation>
    </message>
    <message>
        <source>the Ray worker failed ({error})</source>
        <translation>Ray 工作进程失败（{error}）</translation>
    </message>
    <message>
        <source>the Ray workers analysing it stopped twice (1: {first}; 2: {second}): it may be what stops them</source>
        <translation>分析该图像的 Ray 工作进程两次停止（第 1 次：{first}；第 2 次：{second}）：可能正是该图像导致工作进程停止</translation>
    </message>
    <message>
        <source>the Ray workers analysing it stopped twice (both: {cause}): it may be what stops them</source>
        <translation>分析该图像的 Ray 工作进程两次停止（两次均为：{cause}）：可能正是该图像导致工作进程停止</translation>
    </message>
</context>
<context>
    <name>PreviousBoxes</name>
    <message>
        <source>Open a case first</source>
        <translation>请先打开一个病例</translation>
    </message>
    <message>
        <source>No previous case to copy boxes from: this is the first case in the list</source>
        <translation>没有可复制标注框的上一病例：这是列表中的第一个病例</translation>
    </message>
    <message>
        <source>No previous B-scan to copy boxes from: this is the first B-scan of the volume</source>
        <translation>没有可复制标注框的上一个 B 扫描：这是该容积的第一个 B 扫描</translation>
    </message>
    <message>
        <source>No previous frame to copy boxes from: this is the first frame of the photo</source>
        <translation>没有可复制标注框的上一帧：这是该照片的第一帧</translation>
    </message>
    <message>
        <source>Copied {count} box(es) from the previous case, {case}</source>
        <translation>已从上一病例 {case} 复制 {count} 个标注框</translation>
    </message>
    <message>
        <source>No boxes copied: the previous case, {case}, has no boxes</source>
        <translation>未复制标注框：上一病例 {case} 没有标注框</translation>
    </message>
    <message>
        <source>No boxes copied: every box of the previous case, {case}, is already here</source>
        <translation>未复制标注框：上一病例 {case} 的标注框都已在本病例中</translation>
    </message>
    <message>
        <source>No boxes copied: the boxes of the previous case, {case}, lie outside this photo</source>
        <translation>未复制标注框：上一病例 {case} 的标注框都在本照片范围之外</translation>
    </message>
</context>
<context>
    <name>ProcessEnds</name>
    <message>
        <source>signal {number}</source>
        <translation>信号 {number}</translation>
    </message>
    <message>
        <source>exit code {number}</source>
        <translation>退出码 {number}</translation>
    </message>
</context>
<context>
    <name>RayStops</name>
    <message>
        <source>the memory of its machine ran out (Ray stopped it)</source>
        <translation>其所在机器的内存耗尽（由 Ray 停止）</translation>
    </message>
    <message>
        <source>Ray says: {cause}</source>
        <translation>Ray 给出的原因：{cause}</translation>
    </message>
    <message>
        <source>Ray gives no cause (a crash, memory running out, or its machine lost)</source>
        <translation>Ray 未给出原因（崩溃、内存耗尽或其所在机器失联）</translation>
    </message>
</context>
<context>
    <name>RayWorkers</name>
    <message>
        <source>{count} worker(s) of {cpus} CPU(s)</source>
        <translation>{count} 个工作进程，每个 {cpus} 个 CPU</translation>
    </message>
    <message>
        <source>{count} worker(s) of {cpus} CPU(s) and {gpus} GPU</source>
        <translation>{count} 个工作进程，每个 {cpus} 个 CPU 和 {gpus} 个 GPU</translation>
    </message>
</context>
<context>
    <name>ReadOnlyReasons</name>
    <message>
        <source>{error} Opened read-only: labels can be viewed and exported but not saved.</source>
        <translation>{error} 已以只读方式打开：标注可查看和导出，但不能保存。</translation>
    </message>
    <message>
        <source>Cannot write to {folder} ({error}); opened read-only: labels can be viewed and exported but not saved.</source>
        <translation>无法写入 {folder}（{error}）；已以只读方式打开：标注可查看和导出，但不能保存。</translation>
    </message>
    <message>
        <source>This workspace is open in another RetinaReview ({holder}); opened read-only so nothing is overwritten. Close the other window, or if that program is no longer running, delete {lock} and open the folder again.</source>
        <translation>此工作区已在另一个 RetinaReview 中打开（{holder}）；已以只读方式打开，以免覆盖任何内容。请关闭另一个窗口；如果该程序已不在运行，请删除 {lock} 后重新打开文件夹。</translation>
    </message>
    <message>
        <source>This workspace is open in another RetinaReview ({holder}); opened read-only so nothing is overwritten. Close the other window. If that program is no longer running (its computer crashed or lost power), the folder can be opened for editing again in {minutes} min, or at once after deleting {lock}.</source>
        <translation>此工作区已在另一个 RetinaReview 中打开（{holder}）；已以只读方式打开，以免覆盖任何内容。请关闭另一个窗口。如果该程序已不在运行（其计算机崩溃或断电），{minutes} 分钟后即可重新以编辑方式打开此文件夹；删除 {lock} 后则可立即打开。</translation>
    </message>
    <message>
        <source>This reader&apos;s readings are open in another RetinaReview ({holder}); opened read-only so nothing is overwritten. If that is not you, give a reader name of your own in Settings and open the folder again. Else close the other window, or if that program is no longer running, delete {lock} and open the folder again.</source>
        <translation>该阅片者的阅片结果已在另一个 RetinaReview 中打开（{holder}）；已以只读方式打开，以免覆盖任何内容。如果那不是您，请在设置中填写您自己的阅片者姓名，然后重新打开文件夹。否则请关闭另一个窗口；如果该程序已不在运行，请删除 {lock} 后重新打开文件夹。</translation>
    </message>
    <message>
        <source>This reader&apos;s readings are open in another RetinaReview ({holder}); opened read-only so nothing is overwritten. If that is not you, give a reader name of your own in Settings and open the folder again. Else close the other window. If that program is no longer running (its computer crashed or lost power), the folder can be opened for editing again in {minutes} min, or at once after deleting {lock}.</source>
        <translation>该阅片者的阅片结果已在另一个 RetinaReview 中打开（{holder}）；已以只读方式打开，以免覆盖任何内容。如果那不是您，请在设置中填写您自己的阅片者姓名，然后重新打开文件夹。否则请关闭另一个窗口。如果该程序已不在运行（其计算机崩溃或断电），{minutes} 分钟后即可重新以编辑方式打开此文件夹；删除 {lock} 后则可立即打开。</translation>
    </message>
    <message>
        <source>Another RetinaReview ({holder}) took this folder over while this one could not renew its lock (the computer slept or the share was unreachable for over {minutes} min); read-only from now on so nothing is overwritten. Your unsaved edits are kept in this window: save them elsewhere or reopen the folder.</source>
        <translation>另一个 RetinaReview（{holder}）已接管此文件夹，因为本程序未能续期其锁（计算机休眠或共享文件夹超过 {minutes} 分钟无法访问）；此后以只读方式打开，以免覆盖任何内容。未保存的编辑仍保留在此窗口中：请将其另存到别处，或重新打开文件夹。</translation>
    </message>
</context>
<context>
    <name>ReadingCommand</name>
    <message>
        <source>{folder}: folder not found</source>
        <translation>{folder}：找不到该文件夹</translation>
    </message>
    <message>
        <source>{path} could not be read: kept aside as {kept}, and replaced by the settings below (the readers&apos; readings are not touched)</source>
        <translation>{path} 无法读取：已保留为 {kept}，并由以下设置取代（各阅片者的阅片结果未被改动）</translation>
    </message>
    <message>
        <source>wrote {path}</source>
        <translation>已写入 {path}</translation>
    </message>
    <message>
        <source>single reading, blind AI {blind}, threshold {threshold}</source>
        <translation>单人阅片，AI 盲法{blind}，阈值 {threshold}</translation>
    </message>
    <message>
        <source>double reading, blind AI {blind}, threshold {threshold}</source>
        <translation>双人阅片，AI 盲法{blind}，阈值 {threshold}</translation>
    </message>
    <message>
        <source>on</source>
        <translation>开启</translation>
    </message>
    <message>
        <source>off</source>
        <translation>关闭</translation>
    </message>
    <message>
        <source>readers: {readers}</source>
        <translation>阅片者：{readers}</translation>
    </message>
    <message>
        <source>readers: {readers}; arbiters: {arbiters}</source>
        <translation>阅片者：{readers}；仲裁者：{arbiters}</translation>
    </message>
    <message>
        <source>none yet</source>
        <translation>暂无</translation>
    </message>
    <message>
        <source>cases read so far: {counts}</source>
        <translation>目前已阅病例：{counts}</translation>
    </message>
    <message>
        <source>{count} {state}</source>
        <translation>{count} 例{state}</translation>
    </message>
    <message>
        <source>  {state}: {case}</source>
        <translation>  {state}：{case}</translation>
    </message>
    <message>
        <source>  needs a second reading: {case} (submitted by {readers})</source>
        <translation>  待第二次阅片：{case}（已由 {readers} 提交）</translation>
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
        <source>{folder} stays open as it was: its reading settings and the reader&apos;s name are not changed.</source>
        <translation>{folder} 保持原样打开：其阅片设置和阅片者姓名均未更改。</translation>
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
    <name>ReadingHelp</name>
    <message>
        <source>single or double reading of a folder: settings, readers, cases needing arbitration</source>
        <translation>文件夹的单人或双人阅片：设置、阅片者、需仲裁的病例</translation>
    </message>
    <message>
        <source>Shows (and with options, changes) how FOLDER is read. In double reading every case needs two independent readings; readings that differ (grade, referable, DME risk, or a lesion class below the threshold&apos;s mask Dice or box F1) go to an arbiter.</source>
        <translation>显示（加选项时修改）FOLDER 的阅片方式。双人阅片时每个病例需要两份独立阅片结果；不一致的结果（分级、是否需转诊、黄斑水肿风险，或某病灶类别的掩膜 Dice 或标注框 F1 低于阈值）交由仲裁者裁定。</translation>
    </message>
    <message>
        <source>double reading: readers do not see the AI&apos;s result until they submit</source>
        <translation>双人阅片：阅片者在提交之前看不到 AI 结果</translation>
    </message>
    <message>
        <source>per-class mask Dice and box F1 below X make two readings disagree (default 0.5)</source>
        <translation>各类别掩膜 Dice 和标注框 F1 低于 X 即判定两份阅片结果不一致（默认 0.5）</translation>
    </message>
    <message>
        <source>single reading: the name the folder&apos;s labels go by (default &apos;reader 1&apos;)</source>
        <translation>单人阅片：文件夹标注所用的阅片者名称（默认 &apos;reader 1&apos;）</translation>
    </message>
    <message>
        <source>double reading: who arbitrates (they open the consensus, not a reader&apos;s store)</source>
        <translation>双人阅片：由谁仲裁（仲裁者打开共识结果，而不是某位阅片者的存储）</translation>
    </message>
</context>
<context>
    <name>ReadingMessages</name>
    <message>
        <source>{path}: the folder&apos;s reading settings cannot be read ({error}); fix or delete the file (without it the folder is read by a single reader)</source>
        <translation>{path}：无法读取该文件夹的阅片设置（{error}）；请修正或删除该文件（没有它时，该文件夹由单人阅片）</translation>
    </message>
    <message>
        <source>{path}: the folder&apos;s reading settings cannot be read ({error}); fix the file, or set them again before anyone reads on (retina-review reading &quot;{folder}&quot; --mode double --arbiters NAMES keeps the damaged file aside). Deleted, it leaves the folder read by a single reader in its main store, and the readings kept in {readers} unused</source>
        <translation>{path}：无法读取该文件夹的阅片设置（{error}）；请修正该文件，或在任何人继续阅片前重新设置（retina-review reading &quot;{folder}&quot; --mode double --arbiters NAMES 会将损坏的文件另行保留）。若将其删除，该文件夹将由单人在主存储中阅片，{readers} 中保存的阅片结果将不再使用</translation>
    </message>
    <message>
        <source>the disagreement threshold (Dice, F1) must lie in 0..1, not {value}</source>
        <translation>不一致阈值（Dice、F1）必须在 0..1 之间，而不是 {value}</translation>
    </message>
    <message>
        <source>{path} is a link; a reader&apos;s labels are kept only in real folders inside {folder}. Replace the link by a folder.</source>
        <translation>{path} 是链接；阅片者的标注只保存在 {folder} 内的真实文件夹中。请用文件夹替换该链接。</translation>
    </message>
    <message>
        <source>a reader needs a name</source>
        <translation>阅片者需要一个名字</translation>
    </message>
    <message>
        <source>{count} submitted reading(s); arbitration needs two</source>
        <translation>已提交 {count} 份阅片结果；仲裁需要两份</translation>
    </message>
    <message>
        <source>Double reading: trained on the consensus of {count} case(s) (arbitrated, or agreed by both readers), not on one reader&apos;s labels</source>
        <translation>双人阅片：用 {count} 个病例的共识结果（经仲裁，或两位阅片者一致）训练，而非某一位阅片者的标注</translation>
    </message>
    <message>
        <source>{count} agreed case(s) were stored as the consensus first</source>
        <translation>已先将 {count} 个意见一致的病例存为共识结果</translation>
    </message>
    <message>
        <source>left out {count} case(s) whose consensus is not settled: {arbitrate} to arbitrate, {readers} still with their readers</source>
        <translation>有 {count} 个病例的共识尚未确定，未予导出：{arbitrate} 个待仲裁，{readers} 个仍在等待阅片者</translation>
    </message>
    <message>
        <source>{count} agreed case(s) were exported from the readers&apos; agreeing reading: the consensus store is read-only, so it could not store them as the consensus</source>
        <translation>{count} 个意见一致的病例按阅片者一致的阅片结果导出：共识存储为只读，无法将其存为共识结果</translation>
    </message>
    <message>
        <source>{count} case(s) were written as arbitrated, though a reader revised their reading since: {images} (the arbitration stands; `reading FOLDER` lists them)</source>
        <translation>{count} 个病例按仲裁结果写出，但其后有阅片者修改了自己的阅片：{images}（仲裁结果仍然有效；`reading FOLDER` 会列出这些病例）</translation>
    </message>
    <message>
        <source>{count} agreed case(s) were exported from the readers&apos; agreeing reading: the consensus store does not hold them as the consensus yet</source>
        <translation>{count} 个意见一致的病例按阅片者一致的阅片结果导出：共识存储中尚未存有其共识结果</translation>
    </message>
    <message>
        <source>{image}: its readings changed during the export and no longer agree; export again</source>
        <translation>{image}：导出期间其阅片结果已更改，不再一致；请重新导出</translation>
    </message>
    <message>
        <source>{image}: recovered from autosave, but not noted as the arbiter&apos;s correction of the consensus ({error}); settling may replace it with the readers&apos; agreement: fix that, then correct the case again</source>
        <translation>{image}：已从自动保存恢复，但未记为仲裁者对共识结果的修正（{error}）；自动确定共识时可能以阅片者的一致结果替换它：请先解决该问题，再重新修正此病例</translation>
    </message>
    <message>
        <source>{image}: saved, but not as the consensus: its readers do not agree (or one has not submitted it); decide it with Case ▸ Arbitrate case</source>
        <translation>{image}：已保存，但不是共识结果：其阅片者意见不一致（或有一位尚未提交）；请用“病例 ▸ 仲裁病例”裁定</translation>
    </message>
</context>
<context>
    <name>RecoveredNote</name>
    <message>
        <source>After {reader}&apos;s program crashed, their unsaved edits of {count} case(s) were recovered from autosave and saved; open each to check it (the last seconds&apos; edits may be lost). Still to check: {images}</source>
        <translation>{reader} 的程序崩溃后，已从自动保存恢复并保存其 {count} 个病例未保存的编辑；请逐个打开检查（崩溃前最后几秒的编辑可能丢失）。尚待检查：{images}</translation>
    </message>
    <message>
        <source>After a crash, unsaved edits of {count} case(s) were recovered from autosave and saved; open each to check it (the last seconds&apos; edits may be lost). Still to check: {images}</source>
        <translation>程序崩溃后，已从自动保存恢复并保存 {count} 个病例未保存的编辑；请逐个打开检查（崩溃前最后几秒的编辑可能丢失）。尚待检查：{images}</translation>
    </message>
    <message>
        <source>Open next</source>
        <translation>打开下一个</translation>
    </message>
    <message>
        <source>Open the next recovered case still to check</source>
        <translation>打开下一个尚待检查的已恢复病例</translation>
    </message>
</context>
<context>
    <name>ReportHelp</name>
    <message>
        <source>write a PDF report for one eye, or both eyes of a patient</source>
        <translation>为患者的单眼或双眼写出 PDF 报告</translation>
    </message>
    <message>
        <source>Write a clinical PDF report. Each IMAGE is read with its case where the folder it is in, or one above it, holds its saved case (--workspace first): labels, reader grade, patient, saved AI result; an image not analysed yet is analysed first. Two images (or cases) make a two-eye report. Patient options override what the workspace holds.</source>
        <translation>写出临床 PDF 报告。若 IMAGE 所在文件夹或其上级文件夹保存有其病例（先看 --workspace），则连同病例读取：标注、阅片者分级、患者信息、已保存的 AI 结果；尚未分析的图像会先进行分析。两张图像（或两个病例）生成双眼报告。患者选项优先于工作区中保存的信息。</translation>
    </message>
    <message>
        <source>image files, or cases of the workspace given with --workspace, each by its image&apos;s path in that folder (as the case list shows it) or its case id; an OCT B-scan as the grades CSV names it, vol.dcm#frame=2 (at most two)</source>
        <translation>图像文件，或用 --workspace 指定的工作区中的病例，每个以其图像在该文件夹中的路径（同病例列表所示）或病例 ID 给出；OCT B 扫描按分级 CSV 中的写法给出，如 vol.dcm#frame=2（最多两个）</translation>
    </message>
    <message>
        <source>also (or instead) write the report as a DICOM Encapsulated PDF object in the source images&apos; study (a new study when they are not DICOM), for the clinic&apos;s archive</source>
        <translation>同时（或改为）将报告写为源图像所在检查中的 DICOM 封装 PDF 对象（源图像不是 DICOM 时新建检查），供诊所归档</translation>
    </message>
    <message>
        <source>folder whose cases are given</source>
        <translation>给出的病例所在的文件夹</translation>
    </message>
    <message>
        <source>replace FILE.pdf if it exists (an input image is never replaced)</source>
        <translation>若 FILE.pdf 已存在则替换（绝不替换输入图像）</translation>
    </message>
    <message>
        <source>the program&apos;s settings to take the defaults below from (default: the user&apos;s preferences, as the window saved them)</source>
        <translation>从中取下列默认值的程序设置（默认：用户的偏好设置，即窗口保存的设置）</translation>
    </message>
    <message>
        <source>patient</source>
        <translation>患者</translation>
    </message>
    <message>
        <source>in years, 0-{max_age}</source>
        <translation>以岁计，0-{max_age}</translation>
    </message>
    <message>
        <source>F, M or X (女, 男 too)</source>
        <translation>F、M 或 X（也可用 女、男）</translation>
    </message>
    <message>
        <source>OD (right) or OS (left; 右, 左 too), once per input in the same order</source>
        <translation>右眼（OD）或左眼（OS）（也可用 右、左），每个输入一个，顺序相同</translation>
    </message>
    <message>
        <source>report</source>
        <translation>报告</translation>
    </message>
    <message>
        <source>the reader&apos;s name, printed beside the signature line (default: the Settings&apos; reader, else the one last typed in the window&apos;s report dialog)</source>
        <translation>阅片者姓名，印在签名栏旁（默认：设置中的阅片者，否则为窗口报告对话框中最后输入的姓名）</translation>
    </message>
    <message>
        <source>default: suggested from the grades</source>
        <translation>默认：根据分级给出建议</translation>
    </message>
    <message>
        <source>language of the report and of what the command prints (default: the report&apos;s, the one last chosen in the window&apos;s report dialog, else the interface&apos;s: the Settings&apos; language, else the system&apos;s, else English; what it prints, the interface&apos;s)</source>
        <translation>报告及命令输出的语言（默认：报告为窗口报告对话框中最后选择的语言，否则为界面语言：设置中的语言，否则为系统语言，否则为英文；命令输出为界面语言）</translation>
    </message>
    <message>
        <source>default, and for the three below: the Settings&apos; own</source>
        <translation>默认值（以下三项亦同）：设置中的值</translation>
    </message>
    <message>
        <source>use \n between lines</source>
        <translation>用 \n 分隔各行</translation>
    </message>
    <message>
        <source>clinic logo (PNG or JPEG)</source>
        <translation>诊所标志（PNG 或 JPEG）</translation>
    </message>
    <message>
        <source>TrueType font for Chinese/Japanese/Korean text (else a system font, else shipped)</source>
        <translation>用于中文/日文/韩文文本的 TrueType 字体（否则用系统字体，再否则用随附字体）</translation>
    </message>
    <message>
        <source>analysis of images without an AI result</source>
        <translation>对没有 AI 结果的图像进行分析</translation>
    </message>
    <message>
        <source>report without AI results instead</source>
        <translation>改为生成不含 AI 结果的报告</translation>
    </message>
    <message>
        <source>where models run (default: the program&apos;s setting, else auto)</source>
        <translation>模型运行的设备（默认：程序的设置，否则 auto）</translation>
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
        <translation>需转诊 DR</translation>
    </message>
    <message>
        <source>lesion segmentation</source>
        <translation>病灶分割</translation>
    </message>
    <message>
        <source>referable DR</source>
        <translation>需转诊 DR</translation>
    </message>
    <message>
        <source>the classical detector</source>
        <translation>经典检测器</translation>
    </message>
    <message>
        <source>the ICDR rules</source>
        <translation>ICDR 规则</translation>
    </message>
    <message>
        <source>test</source>
        <translation>测试集</translation>
    </message>
    <message>
        <source>validation</source>
        <translation>验证集</translation>
    </message>
    <message>
        <source>all</source>
        <translation>全部图像</translation>
    </message>
    <message>
        <source>Use {model} again for {task}; {model_used}, in use now, is set aside in your models folder, not deleted.</source>
        <translation>重新使用 {model} 进行{task}；当前使用的 {model_used} 将被移到一旁（仍在您的模型文件夹中，不会删除）。</translation>
    </message>
    <message>
        <source>Retraining cannot start: the open case has unsaved edits, and this folder is open read-only, so they cannot be saved for the training to learn from. Undo them to retrain on the cases as saved.</source>
        <translation>无法开始重新训练：当前病例有未保存的修改，而此文件夹以只读方式打开，这些修改无法保存，训练也就无法学到。撤销这些修改后，即可按已保存的病例重新训练。</translation>
    </message>
    <message>
        <source>Retraining cannot start: the open case could not be saved (the status bar says why), and its last edits belong in the training. Save it, then start again.</source>
        <translation>无法开始重新训练：当前病例未能保存（原因见状态栏），而其最近的修改应纳入训练。请先保存，再重新开始。</translation>
    </message>
    <message>
        <source>could not copy the model into {folder} ({error})</source>
        <translation>无法将模型复制到 {folder}（{error}）</translation>
    </message>
    <message>
        <source>Kept the current model; the new one could not be set aside ({error}) and was discarded.</source>
        <translation>已保留当前模型；新模型无法移到一旁（{error}），已被丢弃。</translation>
    </message>
    <message>
        <source>Kept the current model. The new one, {model}, was set aside, not deleted, in your models folder&apos;s “{folder}” folder: to use it later, move it into your models folder and choose it in Settings.</source>
        <translation>已保留当前模型。新模型 {model} 未被删除，已移到您模型文件夹中的“{folder}”文件夹：如需日后使用，请将其移入模型文件夹，并在“设置”中选择。</translation>
    </message>
    <message>
        <source>A retrained model is waiting for your choice. Close and keep the current model? The new one is set aside, not deleted, in {folder}: to use it later, move it into your models folder and choose it in Settings.</source>
        <translation>一个重新训练的模型正在等待您的选择。要关闭并保留当前模型吗？新模型不会被删除，将移到 {folder}：如需日后使用，请将其移入模型文件夹，并在“设置”中选择。</translation>
    </message>
    <message>
        <source>Held-out images: {names}</source>
        <translation>留出图像：{names}</translation>
    </message>
    <message>
        <source>{count} case(s) were saved while the model trained: their changes may not be in it (retrain to include them)</source>
        <translation>模型训练期间有 {count} 个病例被保存：其改动可能未包含在此模型中（重新训练即可纳入）</translation>
    </message>
    <message>
        <source>Now using {model} for {task} (installed in your models folder). Analyse a case to see it.</source>
        <translation>现在使用 {model} 进行{task}（已安装到您的模型文件夹）。分析一个病例即可查看效果。</translation>
    </message>
    <message>
        <source>Could not go back to {model}: {model_used} could not be set aside ({error}); it stays in use.</source>
        <translation>无法回到 {model}：{model_used} 无法移到一旁（{error}）；仍在使用该模型。</translation>
    </message>
    <message>
        <source>Back to {model} for {task}. {model_used} was set aside, not deleted, in your models folder&apos;s “{folder}” folder.</source>
        <translation>已回到 {model} 进行{task}。{model_used} 已移到您的模型文件夹中的“{folder}”文件夹，并未删除。</translation>
    </message>
    <message>
        <source>Kept the current model; the new one was discarded.</source>
        <translation>已保留当前模型；新模型已丢弃。</translation>
    </message>
    <message>
        <source>A retrained model is waiting for your choice. Close and discard it? The current model stays in use.</source>
        <translation>一个重新训练的模型正在等待您的选择。要关闭并丢弃它吗？继续使用当前模型。</translation>
    </message>
    <message>
        <source>Retrain from reviewed cases</source>
        <translation>用已审核病例重新训练</translation>
    </message>
    <message>
        <source>Training a new model is running on {folder}. Stop it and close {folder}? The model being trained is discarded; the current model stays in use.</source>
        <translation>正在用 {folder} 训练新模型。要停止训练并关闭 {folder} 吗？正在训练的模型将被丢弃；继续使用当前模型。</translation>
    </message>
    <message>
        <source>Both models scored on the {split} split ({count} image(s))</source>
        <translation>两个模型均在{split}上评分（{count} 张图像）</translation>
    </message>
    <message>
        <source>The new model scored on the {split} split ({count} image(s))</source>
        <translation>新模型在{split}上评分（{count} 张图像）</translation>
    </message>
    <message>
        <source>Both columns include the candidates models and the classical detector where they would draw beside the lesion model.</source>
        <translation>两列均包含候选模型和经典检测器会与病灶模型一同绘制的部分。</translation>
    </message>
</context>
<context>
    <name>RetrainDialog</name>
    <message>
        <source>starting the training process…</source>
        <translation>正在启动训练进程…</translation>
    </message>
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
        <source>evaluated</source>
        <translation>评估完成</translation>
    </message>
    <message>
        <source>evaluating {image} for the Current column</source>
        <translation>正在为“当前”列评估 {image}</translation>
    </message>
    <message>
        <source>checking {image}</source>
        <translation>正在检查 {image}</translation>
    </message>
    <message>
        <source>1 image prepared ({cached} from the cache)</source>
        <translation>已准备 1 张图像（{cached} 张来自缓存）</translation>
    </message>
    <message>
        <source>checking that the new model loads…</source>
        <translation>正在检查新模型能否加载…</translation>
    </message>
    <message>
        <source>loading the current models for the comparison…</source>
        <translation>正在加载当前模型以作比较…</translation>
    </message>
    <message>
        <source>evaluating {image} for the new model&apos;s own held-out figures</source>
        <translation>正在为新模型自身的留出图像数值评估 {image}</translation>
    </message>
    <message>
        <source>evaluating {image} for the New column</source>
        <translation>正在为“新”列评估 {image}</translation>
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
        <source>Box hit rate {cls}</source>
        <translation>{cls} 框命中率</translation>
    </message>
    <message>
        <source>Positives outside boxes {cls}</source>
        <translation>{cls} 框外阳性比例</translation>
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
        <source>device unusable</source>
        <translation>设备不可用</translation>
    </message>
    <message>
        <source>not scored</source>
        <translation>未评分</translation>
    </message>
    <message>
        <source>The DR grade model answers for referable DR (grade 2 or more).</source>
        <translation>是否需转诊由 DR 分级模型判定（分级 2 级及以上即需转诊）。</translation>
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
        <translation>需转诊 DR</translation>
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
        <source>Side of the square image the model sees; a multiple of 32. Offered: the size of the model in use, which retraining fine-tunes. Larger sees finer detail; a lesion model larger than its default size trains on crops of that size, so a training step costs the same and only scoring whole images takes longer.</source>
        <translation>模型输入的正方形图像边长，须为 32 的倍数。默认为正在使用的模型的尺寸（重新训练在该模型上微调）。越大看到的细节越细；病灶模型超过其默认尺寸时按该尺寸裁块训练，因此每个训练步的开销不变，只有在整幅图像上的评分会更久。</translation>
    </message>
    <message>
        <source>Training</source>
        <translation>训练</translation>
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
        <source>Stop training after the current step and keep what it has learned: the new model is checked and compared with the current one as after a whole run</source>
        <translation>在当前一步后停止训练并保留已学到的内容：新模型会像完整训练后一样经过检查并与当前模型比较</translation>
    </message>
    <message>
        <source>Double reading: retraining learns from the folder&apos;s consensus, not from one reader&apos;s labels. {count} case(s) have a settled consensus (arbitrated, or agreed by both readers); counting the OCT scans among them, which retraining leaves out…</source>
        <translation>双人阅片：重新训练使用本文件夹的共识结果，而不是某一位阅片者的标注。已有 {count} 个病例的共识已确定（经仲裁，或两位阅片者一致）；正在统计其中的 OCT 扫描（重新训练时将被排除）…</translation>
    </message>
    <message>
        <source>Double reading: retraining learns from the folder&apos;s consensus, not from one reader&apos;s labels. {count} case(s) have a settled consensus (arbitrated, or agreed by both readers); {oct} of them are OCT scans, which are left out (the models retrained here read fundus photos). At least {minimum} fundus photos are needed.</source>
        <translation>双人阅片：重新训练使用本文件夹的共识结果，而不是某一位阅片者的标注。已有 {count} 个病例的共识已确定（经仲裁，或两位阅片者一致）；其中 {oct} 个是 OCT 扫描，将被排除（此处重新训练的模型读取眼底照片）。至少需要 {minimum} 张眼底照片。</translation>
    </message>
    <message>
        <source>{done} reviewed cases are marked done; counting the OCT scans among them, which retraining leaves out…</source>
        <translation>{done} 个已审核病例已标记为完成；正在统计其中的 OCT 扫描（重新训练时将被排除）…</translation>
    </message>
    <message>
        <source>{done} reviewed cases are marked done; {oct} of them are OCT scans, which are left out (the models retrained here read fundus photos). The {fundus} fundus photos will be exported and split into training, validation and held-out images. AI candidates you rejected count as hard negatives.</source>
        <translation>{done} 个已审核病例已标记为完成；其中 {oct} 个是 OCT 扫描，将被排除（此处重新训练的模型读取眼底照片）。{fundus} 张眼底照片将被导出并划分为训练、验证和留出图像。您拒绝的 AI 候选将作为困难负样本。</translation>
    </message>
    <message>
        <source>More reviewed fundus photos are needed: {done} case(s) are marked done, {oct} of them OCT scans, which are left out; retraining needs at least {minimum} fundus photos. Review photos and mark them done (Ctrl+Enter), then try again.</source>
        <translation>需要更多已审核的眼底照片：目前 {done} 个病例标记为完成，其中 {oct} 个是 OCT 扫描，将被排除；重新训练至少需要 {minimum} 张眼底照片。请审核照片并标记为完成（Ctrl+回车）后重试。</translation>
    </message>
    <message>
        <source>Open a folder of reviewed cases first (File ▸ Open folder); retraining learns from the cases marked done in it.</source>
        <translation>请先打开一个含已审核病例的文件夹（文件 ▸ 打开文件夹）；重新训练将使用其中已标记为完成的病例。</translation>
    </message>
    <message>
        <source>Double reading: retraining learns from the folder&apos;s consensus, not from one reader&apos;s labels. Counting the cases with a settled consensus (at least {minimum} are needed)…</source>
        <translation>双人阅片：重新训练使用本文件夹的共识结果，而不是某一位阅片者的标注。正在统计共识已确定的病例（至少需要 {minimum} 个）…</translation>
    </message>
    <message>
        <source>Double reading: retraining learns from the folder&apos;s consensus, not from one reader&apos;s labels. {count} case(s) have a settled consensus (arbitrated, or agreed by both readers). At least {minimum} are needed.</source>
        <translation>双人阅片：重新训练使用本文件夹的共识结果，而不是某一位阅片者的标注。已有 {count} 个病例的共识已确定（经仲裁，或两位阅片者一致）。至少需要 {minimum} 个。</translation>
    </message>
    <message>
        <source>{done} reviewed cases are marked done; they will be exported and split into training, validation and held-out images. AI candidates you rejected count as hard negatives.</source>
        <translation>{done} 个已审核病例已标记为完成；它们将被导出并划分为训练、验证和留出图像。您拒绝的 AI 候选将作为困难负样本。</translation>
    </message>
    <message>
        <source>More reviewed cases are needed: {done} case(s) are marked done, retraining needs at least {minimum}. Review cases and mark them done (Ctrl+Enter), then try again.</source>
        <translation>需要更多已审核病例：目前 {done} 个病例标记为完成，重新训练至少需要 {minimum} 个。请审核病例并标记为完成（Ctrl+回车）后重试。</translation>
    </message>
    <message>
        <source>Double reading: retraining learns from the folder&apos;s consensus, not from one reader&apos;s labels. The cases with a settled consensus could not be counted: {error}</source>
        <translation>双人阅片：重新训练使用本文件夹的共识结果，而不是某一位阅片者的标注。无法统计共识已确定的病例：{error}</translation>
    </message>
    <message>
        <source>Exporting the reviewed cases…</source>
        <translation>正在导出已审核病例…</translation>
    </message>
    <message>
        <source>Finishing after this step…</source>
        <translation>本步完成后结束训练…</translation>
    </message>
    <message>
        <source>the new model is saved</source>
        <translation>新模型已保存</translation>
    </message>
    <message>
        <source>Training finished. Compare the two models, then choose.</source>
        <translation>训练完成。请比较两个模型后再选择。</translation>
    </message>
    <message>
        <source>Current: what the analysis draws now ({before})
New: what it would draw with {after}</source>
        <translation>当前：分析现在绘制的结果（{before}）
新：改用 {after} 时分析会绘制的结果</translation>
    </message>
    <message>
        <source>Current: {before}
New: {after}</source>
        <translation>当前：{before}
新：{after}</translation>
    </message>
    <message>
        <source>This comparison comes from the cases of {folder}, not from the folder open now: the new model learned from them.</source>
        <translation>此比较来自 {folder} 中的病例，而不是当前打开的文件夹：新模型是从这些病例中学习的。</translation>
    </message>
    <message>
        <source>Retraining failed: {error}</source>
        <translation>重新训练失败：{error}</translation>
    </message>
    <message>
        <source>The new model could not be set aside: {error}. It is still waiting for your choice: fix that and keep the current one again (the new model is then discarded if it still cannot be set aside), or use it.</source>
        <translation>新模型无法移到一旁：{error}。它仍在等待您的选择：请先解决该问题，再次选择保留当前模型（如仍无法移到一旁，新模型将被丢弃），或改用新模型。</translation>
    </message>
    <message>
        <source>Training cancelled; the current model stays in use.</source>
        <translation>训练已取消；继续使用当前模型。</translation>
    </message>
    <message>
        <source>Your models folder: {folder}</source>
        <translation>您的模型文件夹：{folder}</translation>
    </message>
    <message>
        <source>{candidates} no longer averages its {cls} with {partner}: {cls} comes from {model} alone until {candidates} is retrained beside it on the command line (docs/models.md, “After retraining the lesion model”).</source>
        <translation>{candidates} 不再将其 {cls} 与 {partner} 取平均：{cls} 仅由 {model} 绘制，直至在命令行中以它为平均对象重新训练 {candidates}（见 docs/models.md 的“After retraining the lesion model”一节）。</translation>
    </message>
    <message>
        <source>{candidates} averages its {cls} with {partner}: once the retrained model is used instead, {cls} comes from it alone until {candidates} is retrained beside it on the command line (docs/models.md, “After retraining the lesion model”).</source>
        <translation>{candidates} 将其 {cls} 与 {partner} 取平均：改用重新训练的模型后，{cls} 仅由该模型绘制，直至在命令行中以它为平均对象重新训练 {candidates}（见 docs/models.md 的“After retraining the lesion model”一节）。</translation>
    </message>
    <message>
        <source>{stage} ({seconds} s)</source>
        <translation>{stage}（{seconds} 秒）</translation>
    </message>
    <message>
        <source>&amp;Task</source>
        <translation>任务(&amp;T)</translation>
    </message>
    <message>
        <source>&amp;Epochs</source>
        <translation>轮数(&amp;E)</translation>
    </message>
    <message>
        <source>&amp;Input size</source>
        <translation>输入尺寸(&amp;I)</translation>
    </message>
    <message>
        <source>&amp;Start training</source>
        <translation>开始训练(&amp;S)</translation>
    </message>
    <message>
        <source>Ca&amp;ncel training</source>
        <translation>取消训练(&amp;N)</translation>
    </message>
    <message>
        <source>&amp;Use the new model</source>
        <translation>使用新模型(&amp;U)</translation>
    </message>
    <message>
        <source>&amp;Keep the current one</source>
        <translation>保留当前模型(&amp;K)</translation>
    </message>
    <message>
        <source>&amp;Close</source>
        <translation>关闭(&amp;C)</translation>
    </message>
    <message>
        <source>&amp;Finish now</source>
        <translation>立即完成(&amp;F)</translation>
    </message>
    <message>
        <source>The new model could not be installed: {error}. The comparison is kept: fix that and use the new model again, or keep the current one.</source>
        <translation>新模型无法安装：{error}。对比结果已保留：解决该问题后可再次使用新模型，或保留当前模型。</translation>
    </message>
    <message>
        <source>&amp;Go back to {model}</source>
        <translation>回到 {model}(&amp;G)</translation>
    </message>
    <message>
        <source>Use the new model?</source>
        <translation>使用新模型？</translation>
    </message>
    <message>
        <source>{doubt}.

{metric}: current model {current}, new model {new}.

Use the new model anyway?</source>
        <translation>{doubt}。

{metric}：当前模型 {current}，新模型 {new}。

仍要使用新模型吗？</translation>
    </message>
    <message>
        <source>Training is running</source>
        <translation>正在训练</translation>
    </message>
    <message>
        <source>Stop the training? The model being trained and its work folder are discarded; the current model stays in use.</source>
        <translation>要停止训练吗？正在训练的模型及其工作文件夹将被丢弃；继续使用当前模型。</translation>
    </message>
    <message>
        <source>Stop the training</source>
        <translation>停止训练</translation>
    </message>
    <message>
        <source>Keep training in the background</source>
        <translation>在后台继续训练</translation>
    </message>
    <message>
        <source>Stopping the training…</source>
        <translation>正在停止训练…</translation>
    </message>
</context>
<context>
    <name>SegmentationFigures</name>
    <message>
        <source>{name}: no pixel ground truth (no mask marks it here; {pixels} pixels predicted)</source>
        <translation>{name}：无像素级真值（此处没有掩膜标注它；预测了 {pixels} 个像素）</translation>
    </message>
    <message>
        <source>scored by boxes (box_hit_rate: the share of boxes holding a predicted pixel; outside_positive_fraction: the share of pixels outside the boxes predicted):</source>
        <translation>按框评分（box_hit_rate：含有预测像素的框所占比例；outside_positive_fraction：框外被预测为阳性的像素所占比例）：</translation>
    </message>
    <message>
        <source>{name}: boxes {boxes}, box_hit_rate {hit_rate}, outside_positive_fraction {outside}</source>
        <translation>{name}：框 {boxes} 个，box_hit_rate {hit_rate}，outside_positive_fraction {outside}</translation>
    </message>
    <message>
        <source>{name}: no boxes, outside_positive_fraction {outside}</source>
        <translation>{name}：无框，outside_positive_fraction {outside}</translation>
    </message>
</context>
<context>
    <name>ToolMessages</name>
    <message>
        <source>the magic brush needs an AI result with {cls} for this case; run the analysis (F5) first</source>
        <translation>智能画笔需要此病例含 {cls} 的 AI 结果；请先运行分析（F5）</translation>
    </message>
    <message>
        <source>no probability map of {cls} was kept: the magic brush followed the AI&apos;s mask, not threshold {threshold}; analyse again (F5) to use one</source>
        <translation>未保存 {cls} 的概率图：智能画笔按 AI 的掩膜涂画，而非阈值 {threshold}；重新分析（F5）后即可按阈值涂画</translation>
    </message>
    <message>
        <source>the photo is still loading; fill again in a moment</source>
        <translation>照片仍在加载；请稍后再填充</translation>
    </message>
    <message>
        <source>this {cls} is the AI&apos;s, not in your labels, so there is nothing to erase: accept it into your labels first (C reviews the AI candidates, Enter accepts), then erase or correct it</source>
        <translation>此 {cls} 是 AI 的结果，不在您的标注中，因此无可擦除：请先将其接受到您的标注中（C 逐个查看 AI 候选，Enter 接受），再擦除或修正</translation>
    </message>
    <message>
        <source>no {cls} here to erase: the eraser removes only the selected class; painted here: {painted}</source>
        <translation>此处没有可擦除的 {cls}：橡皮擦只擦除所选类别；此处已标注：{painted}</translation>
    </message>
    <message>
        <source>nothing painted: with Inside FOV on (the options bar) {cls} is painted inside the field of view only; turn it off to paint the photo&apos;s dark border</source>
        <translation>未涂绘：“仅限视野内”已开启（选项栏），{cls} 只能画在视野内；关闭它才能在照片的黑色边框上涂绘</translation>
    </message>
    <message>
        <source>the fill looks no further than {radius} px from the click; the region may go on: click the part left to fill it</source>
        <translation>填充只查找到距点击处 {radius} 像素，区域可能更大：点击剩余部分继续填充</translation>
    </message>
    <message>
        <source>no box drawn: the drag covered {width}x{height} image pixels; a box is at least {least} pixels each way</source>
        <translation>未画出标注框：拖动只覆盖了 {width}×{height} 个图像像素；标注框的宽和高至少为 {least} 个像素</translation>
    </message>
</context>
<context>
    <name>TrainCommand</name>
    <message>
        <source>{options}: options of `train candidates`; a {task} run trains a network (leave them out)</source>
        <translation>{options}：是 `train candidates` 的选项；{task} 训练的是网络（请去掉这些选项）</translation>
    </message>
    <message>
        <source>{options}: options of a network&apos;s run; a candidates model is a patch classifier trained anew for --steps from --seed (leave them out)</source>
        <translation>{options}：是网络训练的选项；候选模型是按 --seed 重新训练 --steps 步的图块分类器（请去掉这些选项）</translation>
    </message>
    <message>
        <source>--blend-member needs --blend-with, the lesion model that holds the member</source>
        <translation>--blend-member 需要 --blend-with，即包含该成员的病灶模型</translation>
    </message>
    <message>
        <source>{folder} is not empty; give --overwrite to replace the model there</source>
        <translation>{folder} 不为空；如要替换其中的模型，请加上 --overwrite</translation>
    </message>
    <message>
        <source>--dice-weights entry {entry} is not CLASS=NUMBER (classes MA, HE, EX, SE, OD)</source>
        <translation>--dice-weights 的条目 {entry} 不是 类别=数值 的形式（类别为 MA、HE、EX、SE、OD）</translation>
    </message>
    <message>
        <source>{text} is not a size such as 50G, 800M or 1T</source>
        <translation>{text} 不是有效的大小，应形如 50G、800M 或 1T</translation>
    </message>
    <message>
        <source>stopped: {folder} keeps the checkpoint of the last epoch finished; the same command with --resume continues from it</source>
        <translation>已停止：{folder} 保留最后完成的一轮的检查点；加上 --resume 运行同一命令即可从该处继续</translation>
    </message>
    <message>
        <source>stopped: {folder} keeps the checkpoint of the last epoch finished; the same command with --epochs {epochs} --resume in place of --minutes {minutes} continues from it</source>
        <translation>已停止：{folder} 保留最后完成的一轮的检查点；将同一命令中的 --minutes {minutes} 换成 --epochs {epochs} --resume 运行即可从该处继续</translation>
    </message>
    <message>
        <source>stopped before this run finished an epoch: the checkpoint in {folder} is an earlier run&apos;s, not this one&apos;s; the same command starts this run again</source>
        <translation>本次运行未完成任何一轮即已停止：{folder} 中的检查点属于先前的运行，而非本次运行；再次运行同一命令即可重新开始本次运行</translation>
    </message>
    <message>
        <source>the last checkpoint stays (--resume continues from it)</source>
        <translation>最后的检查点仍保留（--resume 可从该处继续）</translation>
    </message>
    <message>
        <source>model: {folder} ({steps} steps, {seconds} s, {rate} images/s)</source>
        <translation>模型：{folder}（{steps} 步，{seconds} 秒，每秒 {rate} 张）</translation>
    </message>
    <message>
        <source>{minutes} minutes hold {epochs} epoch(s) of {steps} steps</source>
        <translation>{minutes} 分钟可训练 {epochs} 轮，每轮 {steps} 步</translation>
    </message>
    <message>
        <source>{command}: timing the steps</source>
        <translation>{command}：正在测量每步用时</translation>
    </message>
    <message>
        <source>saved {folder}</source>
        <translation>已保存 {folder}</translation>
    </message>
</context>
<context>
    <name>TrainConfig</name>
    <message>
        <source>unknown task {task}; use one of {choices}</source>
        <translation>未知任务 {task}；请使用以下之一：{choices}</translation>
    </message>
    <message>
        <source>unknown architecture {name} for {option}; use one of {choices}</source>
        <translation>{option} 的架构 {name} 未知；请使用以下之一：{choices}</translation>
    </message>
    <message>
        <source>unknown loss {name} for {option}; use one of {choices}</source>
        <translation>{option} 的损失函数 {name} 未知；请使用以下之一：{choices}</translation>
    </message>
    <message>
        <source>unknown box mode {name}; use weak or fill</source>
        <translation>未知框模式 {name}；请使用 weak 或 fill</translation>
    </message>
    <message>
        <source>weak share {value} must lie between 0 and 1</source>
        <translation>弱标注比例 {value} 必须在 0 和 1 之间</translation>
    </message>
    <message>
        <source>box factor {value} must be 0 or more</source>
        <translation>框系数 {value} 必须不小于 0</translation>
    </message>
    <message>
        <source>workers must be 0 (load batches in the training process) or more</source>
        <translation>workers 必须不小于 0（0 表示在训练进程中加载批次）</translation>
    </message>
    <message>
        <source>the cache limit must be 0 bytes or more</source>
        <translation>缓存上限必须不小于 0 字节</translation>
    </message>
    <message>
        <source>--keep-classes keeps what a model draws of them: give that model with --init-from</source>
        <translation>--keep-classes 保留某个模型对这些类别的输出：请用 --init-from 给出该模型</translation>
    </message>
    <message>
        <source>--keep-classes keeps lesion classes: train seg only</source>
        <translation>--keep-classes 保留的是病灶类别：仅用于 train seg</translation>
    </message>
    <message>
        <source>keep factor {value} must be 0 or more</source>
        <translation>保留系数 {value} 必须不小于 0</translation>
    </message>
    <message>
        <source>--keep-factor weighs the term of --keep-classes: give the classes to keep, or leave the factor out</source>
        <translation>--keep-factor 是 --keep-classes 一项的权重：请给出要保留的类别，或省略该系数</translation>
    </message>
    <message>
        <source>epochs and batch size must be at least 1</source>
        <translation>轮数和批大小必须至少为 1</translation>
    </message>
    <message>
        <source>{option} {value} must be a multiple of 32 (at least 32)</source>
        <translation>{option} {value} 必须是 32 的倍数（至少 32）</translation>
    </message>
    <message>
        <source>--finish writes the model of a run&apos;s last checkpoint: give it with --resume and the run&apos;s options</source>
        <translation>--finish 用一次训练的最后检查点写出模型：请与 --resume 及该次训练的选项一起使用</translation>
    </message>
</context>
<context>
    <name>TrainHelp</name>
    <message>
        <source>train a model from an exported data set, IDRiD, VOC box or class-per-folder data</source>
        <translation>用导出的数据集、IDRiD、VOC 标注框或按类别分文件夹的数据训练模型</translation>
    </message>
    <message>
        <source>Train a lesion segmentation model (seg), an optic disc model (disc: VOC optic-disc boxes, best with --box-mode fill) or a classifier (grade, referable, oct, present: DR signs from lesion boxes). DIR may be the program&apos;s own export, an IDRiD-style folder (images + NAME_MA.tif masks, grades CSV), images with VOC boxes (weak masks: outside every box is background) or one sub-folder of images per class. MODEL_DIR receives model.safetensors + model.json (the card, with metrics on the held-out split); copy it into the models folder to use it. Several processes (one per GPU, or CPU processes) train one model with DistributedDataParallel when launched by torchrun: `torchrun --nproc_per_node=N -m app.cli train ...`; rank 0 writes the checkpoint and the model. candidates: a patch classifier over dark-dot (--classes MA) or dark-region (--classes HE) candidates, from pixel masks with a train and a val split; written only when it beats the shipped models&apos; class on the val photos. An analysis runs one dark-dot and one dark-region candidates model (the first installed of each, or the ones Settings names). --blend-with LESION_MODEL: the candidates model&apos;s probability is averaged with that lesion model&apos;s (or with --blend-member MEMBER, with that member network&apos;s of it), the threshold chosen on the val photos, and it draws only beside that model.</source>
        <translation>训练病灶分割模型（seg）、视盘模型（disc：VOC 视盘标注框，配合 --box-mode fill 最佳）或分类器（grade、referable、oct、present：由病灶标注框得到的 DR 征象）。DIR 可以是本程序自己的导出、IDRiD 式文件夹（图像 + NAME_MA.tif 掩膜、分级 CSV）、带 VOC 标注框的图像（弱掩膜：所有框外为背景），或每个类别一个图像子文件夹。MODEL_DIR 中写入 model.safetensors + model.json（模型卡，含留出集上的指标）；复制到模型文件夹即可使用。用 torchrun 启动时，多个进程（每个 GPU 一个，或 CPU 进程）以 DistributedDataParallel 共同训练一个模型：`torchrun --nproc_per_node=N -m app.cli train ...`；rank 0 写出检查点和模型。candidates：在暗点（--classes MA）或暗区（--classes HE）候选上训练的图块分类器，使用有训练集和验证集划分的像素掩膜；只有在验证照片上胜过随附模型的该类别时才写出。分析时运行一个暗点和一个暗区候选模型（各取第一个已安装的，或设置中指定的）。--blend-with LESION_MODEL：候选模型的概率与该病灶模型的概率（或配合 --blend-member MEMBER，与其该成员网络的概率）取平均，阈值在验证照片上选定，且只与该模型一起绘制。</translation>
    </message>
    <message>
        <source>segmentation architecture (default unet)</source>
        <translation>分割网络结构（默认 unet）</translation>
    </message>
    <message>
        <source>encoder name (smp name, tu-TIMM or timm:TIMM for classifiers); without it, each task&apos;s default network, at its input side unless --size: {networks} (a shipped model&apos;s own options are in its card, training.command)</source>
        <translation>编码器名称（smp 名称、tu-TIMM，分类器用 timm:TIMM）；未给出时使用各任务的默认网络，除非指定 --size，否则按其输入边长：{networks}（随附模型自己的选项见其模型卡的 training.command）</translation>
    </message>
    <message>
        <source>{task} {encoder} at {side} px</source>
        <translation>{task} {encoder}，{side} 像素</translation>
    </message>
    <message>
        <source>model input side, multiple of 32</source>
        <translation>模型输入边长，须为 32 的倍数</translation>
    </message>
    <message>
        <source>segmentation training crop side (default: the input side)</source>
        <translation>分割训练的裁剪块边长（默认：输入边长）</translation>
    </message>
    <message>
        <source>pixel/label loss; segmentation adds a per-class weighted region term (--region-loss)</source>
        <translation>像素/标签损失；分割另加按类别加权的区域项（--region-loss）</translation>
    </message>
    <message>
        <source>seg: the region term, soft Dice or Lovász-softmax (a surrogate of IoU; default dice)</source>
        <translation>seg：区域项，soft Dice 或 Lovász-softmax（IoU 的替代函数；默认 dice）</translation>
    </message>
    <message>
        <source>per-class weights of the region term (default: MA 3/2, HE 3/5, EX 5/12, SE 2/3)</source>
        <translation>区域项的各类别权重（默认：MA 3/2、HE 3/5、EX 5/12、SE 2/3）</translation>
    </message>
    <message>
        <source>VOC boxes: weak masks (uncertain inside, background outside) or filled masks</source>
        <translation>VOC 标注框：弱掩膜（框内不确定、框外为背景）或填充掩膜</translation>
    </message>
    <message>
        <source>weak boxes: weight of the &apos;each box holds its class&apos; term (0: boxes only say where lesions are not)</source>
        <translation>弱标注框：“每个框内含其类别”项的权重（0：标注框只表示哪里没有病灶）</translation>
    </message>
    <message>
        <source>seg with painted masks and boxes together: share of crops drawn from images labelled by boxes alone, the rest from those with masks (boxes or not; default: all images balanced together)</source>
        <translation>seg 同时使用绘制的掩膜和标注框时：从仅有标注框的图像中抽取裁剪块的比例，其余取自有掩膜的图像（无论有无标注框；默认：所有图像一起均衡抽取）</translation>
    </message>
    <message>
        <source>grade: add an ordinal (cumulative) loss term</source>
        <translation>grade：加入有序（累积）损失项</translation>
    </message>
    <message>
        <source>instead of --epochs: as many epochs of --steps-per-epoch as M minutes of this machine hold, timed by a probe run of a few steps first; the card records the epochs chosen</source>
        <translation>代替 --epochs：本机 M 分钟内能完成多少个 --steps-per-epoch 的轮次就训练多少轮，先用几步试运行计时；模型卡记录所选轮数</translation>
    </message>
    <message>
        <source>seg: train at the resolution of `analyze --tiled` (twice the input size), for small lesions; evaluation then runs tiled too</source>
        <translation>seg：按 `analyze --tiled` 的分辨率（输入尺寸的两倍）训练，适合小病灶；评估随之也分块进行</translation>
    </message>
    <message>
        <source>preprocess by subtracting the local average colour (Kaggle 2015 winner&apos;s trick)</source>
        <translation>预处理：减去局部平均颜色（Kaggle 2015 冠军的技巧）</translation>
    </message>
    <message>
        <source>preprocess by contrast-limited equalisation of lightness (before --ben-graham if both)</source>
        <translation>预处理：对亮度做限制对比度均衡化（两者都用时在 --ben-graham 之前）</translation>
    </message>
    <message>
        <source>folder with train.txt, val.txt and test.txt (image names) when --data has no splits/</source>
        <translation>--data 中没有 splits/ 时，含 train.txt、val.txt 和 test.txt（图像名称）的文件夹</translation>
    </message>
    <message>
        <source>licence of the training data, recorded in the card</source>
        <translation>训练数据的许可证，记录在模型卡中</translation>
    </message>
    <message>
        <source>model name (default: the folder name)</source>
        <translation>模型名称（默认：文件夹名称）</translation>
    </message>
    <message>
        <source>processes per training process that load and augment batches (default: the cores left over, at most 4; 0: in the training process)</source>
        <translation>每个训练进程用于加载和增强批次数据的进程数（默认：剩余的核心数，最多 4；0：在训练进程内进行）</translation>
    </message>
    <message>
        <source>where prepared images are kept between runs (default: the user cache folder, or $RETINA_REVIEW_CACHE); a new or empty folder, or one the program made: files are removed from it to keep it within --cache-limit</source>
        <translation>两次运行之间保存预处理图像的位置（默认：用户缓存文件夹，或 $RETINA_REVIEW_CACHE）；须为新建或空的文件夹，或本程序创建的文件夹：为保持在 --cache-limit 之内会从中删除文件</translation>
    </message>
    <message>
        <source>the most the cache folder keeps between runs, e.g. 50G or 800M (default 20G); the images used least recently go first, those of a run still training never</source>
        <translation>缓存文件夹在两次运行之间最多保留的大小，例如 50G 或 800M（默认 20G）；最久未用的图像先删除，仍在训练的运行所用图像绝不删除</translation>
    </message>
    <message>
        <source>fine-tune a model (an installed model&apos;s name, as `analyze --model` takes, or its folder), starting from its weights: keep its network (encoder, classes, preprocessing), a lesion model&apos;s sources (classical_classes, speck sizes) and the thresholds of classes the val split cannot tune; the card records which model, and a member network it had (class_members) is not carried over</source>
        <translation>从某模型的权重开始微调（已安装模型的名称，同 `analyze --model` 所用，或其文件夹）：保留其网络（编码器、类别、预处理）、病灶模型的来源（classical_classes、斑点大小）以及验证集无法调整的类别阈值；模型卡记录所用模型，其成员网络（class_members）不会沿用</translation>
    </message>
    <message>
        <source>seg with --init-from: keep what that model draws of these lesion classes (each step pulls their outputs toward its own on the same crops) while the other classes learn</source>
        <translation>seg 配合 --init-from：保持该模型对这些病灶类别的输出（每一步都在相同裁剪块上将其输出拉向原模型的输出），同时其他类别继续学习</translation>
    </message>
    <message>
        <source>weight of --keep-classes&apos; term (default {factor})</source>
        <translation>--keep-classes 项的权重（默认 {factor}）</translation>
    </message>
    <message>
        <source>continue an interrupted run from its last epoch</source>
        <translation>从最后一个轮次继续被中断的运行</translation>
    </message>
    <message>
        <source>with --resume and the run&apos;s options: write the model of its last checkpoint now (thresholds tuned, held-out figures, card), training no further epoch, and remove the checkpoint (to score a run that goes on, finish a copy of its folder)</source>
        <translation>配合 --resume 及该运行的选项：立即写出其最后检查点的模型（调好阈值、留出集指标、模型卡），不再训练更多轮次，并删除检查点（要为仍在继续的运行评分，请对其文件夹的副本执行）</translation>
    </message>
    <message>
        <source>replace a model already in MODEL_DIR</source>
        <translation>替换 MODEL_DIR 中已有的模型</translation>
    </message>
    <message>
        <source>candidates: the lesion class (default MA: dark dots; HE: dark regions)</source>
        <translation>candidates：病灶类别（默认 MA：暗点；HE：暗区）</translation>
    </message>
    <message>
        <source>candidates: training steps (default 3000 for MA, 1500 for HE)</source>
        <translation>candidates：训练步数（默认 MA 3000，HE 1500）</translation>
    </message>
    <message>
        <source>candidates: average with this lesion model&apos;s probability of the class (name or folder)</source>
        <translation>candidates：与此病灶模型对该类别的概率取平均（名称或文件夹）</translation>
    </message>
    <message>
        <source>candidates with --blend-with: average with that model&apos;s member network in sub-folder MEMBER instead (e.g. clahe, idrid-lesions&apos; network that draws MA well)</source>
        <translation>candidates 配合 --blend-with：改为与该模型子文件夹 MEMBER 中的成员网络取平均（例如 clahe，即 idrid-lesions 中擅长 MA 的网络）</translation>
    </message>
</context>
<context>
    <name>TrainingMessages</name>
    <message>
        <source>{data}: no training image has masks or VOC boxes</source>
        <translation>{data}：没有训练图像带有掩膜或 VOC 框</translation>
    </message>
    <message>
        <source>{data}: no training image has a {task} label (grades CSV, or one sub-folder per class named {classes})</source>
        <translation>{data}：没有训练图像带有 {task} 标签（分级 CSV，或每个类别一个子文件夹，命名为 {classes}）</translation>
    </message>
    <message>
        <source>the training split has no lesion masks and no lesion boxes (MA, HE, EX, SE); check the data folder, and give --label-map for VOC files with other class names</source>
        <translation>训练划分中没有病灶掩膜，也没有病灶框（MA、HE、EX、SE）；请检查数据文件夹，VOC 文件使用其他类别名时请给出 --label-map</translation>
    </message>
    <message>
        <source>{folder}: a {task} model; --init-from needs a {wanted} model</source>
        <translation>{folder}：这是 {task} 模型；--init-from 需要 {wanted} 模型</translation>
    </message>
    <message>
        <source>{folder}: its encoder is {encoder}, not {wanted}; leave out --encoder to fine-tune it</source>
        <translation>{folder}：其编码器是 {encoder}，而不是 {wanted}；要微调它请省略 --encoder</translation>
    </message>
    <message>
        <source>{folder}: the model does not preprocess with {option} and --init-from keeps its preprocessing; leave the option out or train without --init-from</source>
        <translation>{folder}：该模型不做 {option} 预处理，而 --init-from 沿用其预处理；请省略该选项，或不用 --init-from 训练</translation>
    </message>
    <message>
        <source>{folder}: its weights do not fit the network being trained ({count} tensors differ, first {first}); train without --init-from or with the same network</source>
        <translation>{folder}：其权重与正在训练的网络不匹配（{count} 个张量不同，第一个 {first}）；请不用 --init-from 训练，或使用相同的网络</translation>
    </message>
    <message>
        <source>{data}: a train and a val split are needed (give --splits)</source>
        <translation>{data}：需要 train 和 val 划分（请给出 --splits）</translation>
    </message>
    <message>
        <source>{folder}: holds member networks ({members}); ship_pixels chooses sources for one network: give the model it was assembled from</source>
        <translation>{folder}：包含成员网络（{members}）；ship_pixels 只为单个网络选择来源：请给出组装它所用的模型</translation>
    </message>
    <message>
        <source>{name}: --blend-with needs a lesion model that draws {cls} from its own pixels, or with --blend-member one of its member networks that has the class</source>
        <translation>{name}：--blend-with 需要一个由自身像素绘制 {cls} 的病灶模型，或配合 --blend-member 指定其含有该类别的一个成员网络</translation>
    </message>
    <message>
        <source>--minutes sizes a new run of one process by its epochs: give --steps-per-epoch, leave out --resume, and run it without torchrun</source>
        <translation>--minutes 按轮数为单进程的新训练定长：请给出 --steps-per-epoch，不要同时使用 --resume，也不要在 torchrun 下运行</translation>
    </message>
    <message>
        <source>{minutes} minutes hold no epoch: the probe took {probe} s and an epoch takes about {epoch} s; give more minutes or fewer --steps-per-epoch</source>
        <translation>{minutes} 分钟容不下一轮训练：试跑用了 {probe} 秒，每轮约需 {epoch} 秒；请给出更多分钟数，或减少 --steps-per-epoch</translation>
    </message>
    <message>
        <source>its field of view is {field} px across, under the member_min_field of {member} ({min_field} px), so that member draws nothing on it to blend with; train on photos at least that large, or leave this photo out of the split</source>
        <translation>其视野直径为 {field} 像素，小于 {member} 的 member_min_field（{min_field} 像素），该成员网络不在此照片上绘制，无从混合；请用至少这么大的照片训练，或将此照片移出该划分</translation>
    </message>
    <message>
        <source>training needs candidates on lesions and off them</source>
        <translation>训练需要位于病灶上和病灶外的候选点</translation>
    </message>
    <message>
        <source>threshold tuning must not see the held-out images</source>
        <translation>阈值调整不得使用留出图像</translation>
    </message>
    <message>
        <source>{path}: its prepared copy is missing from {cache} (another process failed?); train again</source>
        <translation>{path}：{cache} 中缺少其预处理副本（另一个进程失败了？）；请重新训练</translation>
    </message>
    <message>
        <source>{folder}: not a training cache (it holds {name}, which the program did not make), and the cache removes files to stay within its limit; give --cache-dir a new or empty folder</source>
        <translation>{folder}：不是训练缓存（其中有 {name}，并非本程序创建），而缓存会删除文件以保持在限额之内；请为 --cache-dir 指定新的或空的文件夹</translation>
    </message>
    <message>
        <source>{folder}: is a file, not a folder; give --cache-dir a new or empty folder</source>
        <translation>{folder}：是文件而不是文件夹；请为 --cache-dir 指定新的或空的文件夹</translation>
    </message>
    <message>
        <source>{path}: this prepared image left the cache while training used it (another run sharing the cache needed room); give the runs larger --cache-limit or separate --cache-dir folders, and continue with --resume</source>
        <translation>{path}：训练使用期间，这张预处理图像被移出了缓存（共用缓存的另一次运行需要空间）；请给各次运行更大的 --cache-limit 或不同的 --cache-dir 文件夹，并用 --resume 继续</translation>
    </message>
    <message>
        <source>{path}: a link (to {target}), not the run&apos;s own checkpoint; nothing was written or removed: remove the link, or train into another --out</source>
        <translation>{path}：是链接（指向 {target}），不是本次训练自己的检查点；未写入也未删除任何内容：请删除该链接，或训练到另一个 --out</translation>
    </message>
    <message>
        <source>{folder}: cannot read the checkpoint ({error}); train again without --resume</source>
        <translation>{folder}：无法读取检查点（{error}）；请不用 --resume 重新训练</translation>
    </message>
    <message>
        <source>{folder}: the checkpoint files do not match (interrupted while saving?); train again without --resume</source>
        <translation>{folder}：检查点文件彼此不符（保存时被中断？）；请不用 --resume 重新训练</translation>
    </message>
    <message>
        <source>{folder}: the checkpoint is from a different run (differs in {fields}); resume with the same options or use another --out</source>
        <translation>{folder}：该检查点来自另一次运行（{fields} 不同）；请用相同选项继续，或使用另一个 --out</translation>
    </message>
    <message>
        <source>{folder}: the checkpoint was written by a run of {trained} processes, and this run has {count}; resume it in as many, as it was launched: {launch} with the run&apos;s options and --resume</source>
        <translation>{folder}：该检查点由 {trained} 个进程的运行写入，而本次运行有 {count} 个进程；请按原来的启动方式，以同样多的进程继续：{launch}，加上该运行的选项和 --resume</translation>
    </message>
    <message>
        <source>{folder}: the checkpoint was written by a run of one process, and this run has {count}; resume it in one process, as it was launched: retina-review train with the run&apos;s options and --resume, without torchrun</source>
        <translation>{folder}：该检查点由单进程运行写入，而本次运行有 {count} 个进程；请按原来的启动方式以单进程继续：retina-review train，加上该运行的选项和 --resume，不用 torchrun</translation>
    </message>
    <message>
        <source>{folder}: no checkpoint to finish from (no epoch of this run completed there)</source>
        <translation>{folder}：没有可用于完成的检查点（此次训练在该处尚未完成任何一轮）</translation>
    </message>
    <message>
        <source>is the data folder {data} or inside it: the model would lie among the data it learns from; nothing was trained</source>
        <translation>是数据文件夹 {data} 或位于其中：模型会混在它所学习的数据之中；未进行训练</translation>
    </message>
    <message>
        <source>holds {count} file(s) or folder(s) that are not a model&apos;s (first {first}): the model would lie among them; nothing was trained</source>
        <translation>含有 {count} 个不属于模型的文件或文件夹（第一个：{first}）：模型会混在其中；未进行训练</translation>
    </message>
    <message>
        <source>give --out a new or empty folder outside the data, or an earlier model&apos;s folder with --overwrite or --resume</source>
        <translation>请为 --out 指定数据之外的新文件夹或空文件夹，或者用 --overwrite 或 --resume 指定先前模型的文件夹</translation>
    </message>
    <message>
        <source>another run is writing into this folder now (training, an analysis or an export); nothing was trained</source>
        <translation>另一个运行（训练、分析或导出）正在写入此文件夹；未进行训练</translation>
    </message>
    <message>
        <source>{folder} holds the checkpoint of an unfinished run: give --resume to continue it, or --overwrite to start again (the checkpoint is then replaced)</source>
        <translation>{folder} 中有一次未完成训练的检查点：用 --resume 继续该训练，或用 --overwrite 重新开始（检查点随之被替换）</translation>
    </message>
    <message>
        <source>the training process stopped ({how}) without finishing</source>
        <translation>训练进程未完成即停止（{how}）</translation>
    </message>
    <message>
        <source>the training process stopped ({how}) without finishing: {tail}</source>
        <translation>训练进程未完成即停止（{how}）：{tail}</translation>
    </message>
    <message>
        <source>only {count} cases have a consensus (arbitrated, or agreed by both readers); retraining needs at least {minimum}</source>
        <translation>只有 {count} 个病例有共识结果（经仲裁，或两位阅片者一致）；重新训练至少需要 {minimum} 个</translation>
    </message>
    <message>
        <source>only {count} cases are marked done; mark at least {minimum} reviewed cases done (Ctrl+Enter) before retraining</source>
        <translation>只有 {count} 个病例标为完成；重新训练前请至少将 {minimum} 个已审核病例标为完成（Ctrl+回车）</translation>
    </message>
    <message>
        <source>only {count} of the cases to learn from are fundus photos; retraining needs at least {minimum}</source>
        <translation>可供学习的病例中只有 {count} 个是眼底照片；重新训练至少需要 {minimum} 个</translation>
    </message>
    <message>
        <source>only {count} of the cases to learn from could be read (the notes name those skipped); retraining needs at least {minimum}</source>
        <translation>待学习的病例中只有 {count} 个可以读取（跳过的病例见备注）；重新训练至少需要 {minimum} 个</translation>
    </message>
    <message>
        <source>Left out of the {split} split, as it cannot be read: {problem}</source>
        <translation>无法读取，已从 {split} 划分中剔除：{problem}</translation>
    </message>
    <message>
        <source>{count} OCT scan(s) were left out: the models retrained here read fundus photos and must not learn from OCT scans</source>
        <translation>已排除 {count} 个 OCT 扫描：此处重新训练的模型读取眼底照片，不应从 OCT 扫描中学习</translation>
    </message>
    <message>
        <source>{count} of the {total} case(s) have lesions boxed but not painted: those classes learned from their boxes as rough masks (a lesion somewhere inside each box, none outside)</source>
        <translation>{total} 个病例中有 {count} 个有只框出而未涂画的病灶：这些类别以其框作为粗略掩膜学习（每个框内某处有病灶，框外没有）</translation>
    </message>
    <message>
        <source>{count} of the {total} case(s) have no lesion painted or boxed and no grade of No DR: nobody said where their lesions are, so lesion learning left them out (their grades are kept for the grade tasks)</source>
        <translation>{total} 个病例中有 {count} 个既没有涂画或框出的病灶，分级也不是“无明显糖尿病视网膜病变”：没有人标出其病灶所在，因此病灶学习未使用它们（其分级仍用于分级任务）</translation>
    </message>
    <message>
        <source>Labelled in no case: {classes}; the new model learns that each of them is never present: paint or box them where they are and retrain, or keep the current model</source>
        <translation>没有任何病例标注：{classes}；新模型会学成它们从不出现：请在其所在处涂画或框出后重新训练，或保留当前模型</translation>
    </message>
    <message>
        <source>Training was finished early, after step {step} of {steps}: the new model is what it had learned by then</source>
        <translation>训练已提前完成（第 {step} 步，共 {steps} 步）：新模型是截至那时学到的结果</translation>
    </message>
    <message>
        <source>The new model was fine-tuned from the current one ({model})</source>
        <translation>新模型由当前模型（{model}）微调而来</translation>
    </message>
    <message>
        <source>The new model draws {classes} with its own network alone: {model} drew them with the help of its member network ({members}), chosen for that model&apos;s network and not carried over</source>
        <translation>新模型只用其自身网络绘制 {classes}：{model} 绘制它们时借助了其成员网络（{members}），该成员网络是为那个模型的网络选定的，未沿用</translation>
    </message>
    <message>
        <source>No held-out images: both models were scored on their training images, so the figures flatter them; mark more cases done</source>
        <translation>没有留出图像：两个模型都在其训练图像上评分，因此数值偏高；请将更多病例标记为完成</translation>
    </message>
    <message>
        <source>The held-out part has {count} image(s): figures from so few are rough</source>
        <translation>留出部分只有 {count} 张图像：据此得到的数值仅供粗略参考</translation>
    </message>
    <message>
        <source>None of the {count} case(s) marked done has a DR grade, which the DR grade and referable DR learn from (an OCT scan has none); record the grades of the cases you reviewed, then start again</source>
        <translation>标记为完成的 {count} 个病例都没有 DR 分级，而 DR 分级和需转诊 DR 正是从分级中学习的（OCT 扫描没有分级）；请为已审核的病例记录分级后再开始</translation>
    </message>
    <message>
        <source>None of the {count} case(s) marked done has a lesion painted or boxed, which lesion segmentation learns from; paint or box the lesions of the cases you reviewed, then start again</source>
        <translation>标记为完成的 {count} 个病例都没有涂画或框出的病灶，而病灶分割正是从中学习的；请在已审核的病例上涂画或框出病灶后再开始</translation>
    </message>
    <message>
        <source>None of the {count} case(s) with a settled consensus has a DR grade, which the DR grade and referable DR learn from; record the grades, then start again</source>
        <translation>共识已确定的 {count} 个病例都没有 DR 分级，而 DR 分级和需转诊 DR 正是从分级中学习的；请记录分级后再开始</translation>
    </message>
    <message>
        <source>None of the {count} case(s) with a settled consensus has a lesion painted or boxed, which lesion segmentation learns from; paint or box the lesions, then start again</source>
        <translation>共识已确定的 {count} 个病例都没有涂画或框出的病灶，而病灶分割正是从中学习的；请涂画或框出病灶后再开始</translation>
    </message>
    <message>
        <source>The new model learned from only {count} image(s): a model trained on so few usually scores lower, and figures on so few images are unreliable; review more cases and retrain</source>
        <translation>新模型仅从 {count} 张图像中学习：用这么少的图像训练的模型通常得分较低，而且在这么少的图像上得出的数值并不可靠；请审核更多病例后再重新训练</translation>
    </message>
    <message>
        <source>Only {count} held-out image(s) (fewer than {minimum}): too few to tell whether the new model is better</source>
        <translation>留出图像只有 {count} 张（少于 {minimum} 张）：太少，无法判断新模型是否更好</translation>
    </message>
    <message>
        <source>The new model&apos;s mean Dice is lower than the current one&apos;s ({new} against {current})</source>
        <translation>新模型的平均 Dice 低于当前模型（{new}，当前为 {current}）</translation>
    </message>
    <message>
        <source>The new model&apos;s quadratic weighted kappa is lower than the current one&apos;s ({new} against {current})</source>
        <translation>新模型的二次加权 kappa 低于当前模型（{new}，当前为 {current}）</translation>
    </message>
    <message>
        <source>The new model&apos;s ROC AUC is lower than the current one&apos;s ({new} against {current})</source>
        <translation>新模型的 ROC AUC 低于当前模型（{new}，当前为 {current}）</translation>
    </message>
    <message>
        <source>The current choice has no figures on the held-out images to compare with, so nothing shows that the new model is better</source>
        <translation>当前选择在留出图像上没有可比较的指标，因此无法表明新模型更好</translation>
    </message>
    <message>
        <source>The two models have no mean Dice to compare on the held-out images (no lesion is painted on them), so nothing shows that the new model is better; compare the box figures</source>
        <translation>两个模型在留出图像上都没有可比较的平均 Dice（其上没有涂画的病灶），因此无法表明新模型更好；请比较框的指标</translation>
    </message>
    <message>
        <source>The two models&apos; quadratic weighted kappa cannot be compared on the held-out images (it is undefined for at least one of them), so nothing shows that the new model is better</source>
        <translation>两个模型在留出图像上的二次加权 kappa 无法比较（至少其中一个无定义），因此无法表明新模型更好</translation>
    </message>
    <message>
        <source>The two models&apos; ROC AUC cannot be compared on the held-out images (it is undefined for at least one of them), so nothing shows that the new model is better</source>
        <translation>两个模型在留出图像上的 ROC AUC 无法比较（至少其中一个无定义），因此无法表明新模型更好</translation>
    </message>
    <message>
        <source>The comparison could not be scored: {reason}</source>
        <translation>比较无法评分：{reason}</translation>
    </message>
    <message>
        <source>The device could not be used, so the comparison was not scored: {reason}</source>
        <translation>设备无法使用，因此比较未评分：{reason}</translation>
    </message>
    <message>
        <source>The device ran out of memory, so the comparison was not scored</source>
        <translation>设备内存不足，因此比较未评分</translation>
    </message>
    <message>
        <source>There was not enough memory, so the comparison was not scored; close other programs and retrain to compare the models</source>
        <translation>内存不足，因此比较未评分；请关闭其他程序后重新训练以比较两个模型</translation>
    </message>
    <message>
        <source>The training produced a model that cannot be loaded, so it cannot be used: {reason}; train again, and report it if it happens again</source>
        <translation>训练得到的模型无法加载，因此不能使用：{reason}；请重新训练，如再次发生请报告此问题</translation>
    </message>
    <message>
        <source>There was not enough memory to check that the new model loads, so it is not offered; it stays in {folder} until you keep the current model; close other programs and retrain</source>
        <translation>内存不足，无法检查新模型能否加载，因此不提供该模型；在您选择保留当前模型之前，它一直在 {folder} 中；请关闭其他程序后重新训练</translation>
    </message>
    <message>
        <source>say why the classical detector keeps {classes}</source>
        <translation>请说明为何由经典病灶检测器保留 {classes}</translation>
    </message>
    <message>
        <source>{folder}: {classes} is not a lesion class of this model</source>
        <translation>{folder}：{classes} 不是此模型的病灶类别</translation>
    </message>
    <message>
        <source>--keep-classes {name}: not a lesion class of the model; use {choices}</source>
        <translation>--keep-classes {name}：不是该模型的病灶类别；请使用 {choices}</translation>
    </message>
</context>
<context>
    <name>TransferCommand</name>
    <message>
        <source>--label-map: {error}</source>
        <translation>--label-map：{error}</translation>
    </message>
    <message>
        <source>nothing was imported (the warnings above say why)</source>
        <translation>未导入任何内容（原因见上方警告）</translation>
    </message>
    <message>
        <source>nothing was exported: no case could be read (the warnings above say why)</source>
        <translation>未导出任何内容：没有可读取的病例（原因见上方警告）</translation>
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
        <source>Storing agreed cases as the consensus: {name} ({number} of {count})</source>
        <translation>正在将阅片一致的病例存为共识结果：{name}（第 {number} 个，共 {count} 个）</translation>
    </message>
    <message>
        <source>Comparing the readings of {name} ({number} of {count})</source>
        <translation>正在比对 {name} 的两份阅片（第 {number} 个，共 {count} 个）</translation>
    </message>
    <message>
        <source>Exported {count} cases to {folder}</source>
        <translation>已将 {count} 个病例导出到 {folder}</translation>
    </message>
    <message>
        <source>Looking for folders of labels… {count} folder(s) looked into</source>
        <translation>正在查找标注文件夹…已查看 {count} 个文件夹</translation>
    </message>
    <message>
        <source>Looking for folders of labels… {done} of {count} file(s) named as masks checked</source>
        <translation>正在查找标注文件夹…已检查按病灶掩膜命名的文件 {done} 个，共 {count} 个</translation>
    </message>
    <message>
        <source>Cancelling…</source>
        <translation>正在取消…</translation>
    </message>
</context>
<context>
    <name>TransferTexts</name>
    <message>
        <source>Pascal VOC</source>
        <translation>Pascal VOC</translation>
    </message>
    <message>
        <source>per-class masks</source>
        <translation>按类别的掩膜</translation>
    </message>
    <message>
        <source>indexed PNG</source>
        <translation>索引 PNG</translation>
    </message>
    <message>
        <source>COCO</source>
        <translation>COCO</translation>
    </message>
    <message>
        <source>grades CSV</source>
        <translation>分级 CSV</translation>
    </message>
    <message>
        <source>training data set</source>
        <translation>训练数据集</translation>
    </message>
    <message>
        <source>YOLO</source>
        <translation>YOLO</translation>
    </message>
    <message>
        <source>CVAT</source>
        <translation>CVAT</translation>
    </message>
    <message>
        <source>labelme</source>
        <translation>labelme</translation>
    </message>
    <message>
        <source>skipped {count} case(s) nobody labelled or marked done (their empty label files would read as &apos;no lesions&apos;)</source>
        <translation>跳过 {count} 个无人标注也未标记为完成的病例（其空白标注文件会被读作“无病灶”）</translation>
    </message>
    <message>
        <source>the data set&apos;s images hold their pixels and orientation only: the metadata of {count} photo(s), which may name the patient (EXIF, XMP, comments, text chunks, DICOM headers), was left out</source>
        <translation>数据集中的图像只保留像素和方向：已去除 {count} 张照片中可能写有患者姓名的元数据（EXIF、XMP、注释、文本块、DICOM 文件头）</translation>
    </message>
    <message>
        <source>warning: {warning}</source>
        <translation>警告：{warning}</translation>
    </message>
    <message>
        <source>{formats} files hold boxes only: the masks painted in the cases are left out of them; to keep the masks, export one of: {kept_by}</source>
        <translation>{formats} 文件只保存标注框：病例中涂画的掩膜不会写入其中；如需保留掩膜，请导出以下格式之一：{kept_by}</translation>
    </message>
    <message>
        <source>the masks painted in {count} case(s) are not in the {formats} files, which hold boxes only; to keep the masks, export one of: {kept_by}</source>
        <translation>{count} 个病例中涂画的掩膜未写入 {formats} 文件（这些文件只保存标注框）；如需保留掩膜，请导出以下格式之一：{kept_by}</translation>
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
        <source>Lesion</source>
        <translation>病灶</translation>
    </message>
    <message>
        <source>Boxes</source>
        <translation>框数</translation>
    </message>
    <message>
        <source>Labelled pixels</source>
        <translation>标注像素</translation>
    </message>
    <message>
        <source>{formats}:</source>
        <translation>{formats}：</translation>
    </message>
</context>
<context>
    <name>TransferWarnings</name>
    <message>
        <source>skipped shapes with labels the label map does not name: {names}; add them with --label-map name=CLASS</source>
        <translation>已跳过标签映射中未列出的标签的形状：{names}；请用 --label-map name=CLASS 添加</translation>
    </message>
    <message>
        <source>skipped {count} shape(s) without an area to import: {kinds} (in {files})</source>
        <translation>已跳过 {count} 个没有可导入面积的形状：{kinds}（在 {files} 中）</translation>
    </message>
    <message>
        <source>skipped {count} shape(s) without an area to import: {kinds} (in {file}, for images {files})</source>
        <translation>已跳过 {count} 个没有可导入面积的形状：{kinds}（在 {file} 中，图像 {files}）</translation>
    </message>
    <message>
        <source>{folder} holds an export that stopped before it ended (cancelled, or the program was cut off): cases it has no labels for may have labels it never wrote; export them into it again to have them all</source>
        <translation>{folder} 中的导出未完成便已停止（被取消，或程序被中断）：其中没有标注的病例可能有尚未写入的标注；请再次导出到该文件夹，以获得全部标注</translation>
    </message>
    <message>
        <source>{count} case(s) had no labels to import in {folder}</source>
        <translation>{count} 个病例在 {folder} 中没有可导入的标注</translation>
    </message>
    <message>
        <source>{count} box(es) were in their cases already and were not added twice</source>
        <translation>{count} 个标注框已在其病例中，未重复添加</translation>
    </message>
    <message>
        <source>{file}: {note}</source>
        <translation>{file}：{note}</translation>
    </message>
    <message>
        <source>{file}: labelled on a {width}x{height} image, {image} is {image_width}x{image_height}; labels were scaled to fit</source>
        <translation>{file}：标注时图像为 {width}x{height}，而 {image} 为 {image_width}x{image_height}；标注已按比例缩放</translation>
    </message>
    <message>
        <source>{file}: labelled on the photo as stored ({width}x{height}); {image} is shown turned by its EXIF orientation, and the labels were turned with it</source>
        <translation>{file}：标注画在照片的存储像素上（{width}x{height}）；{image} 按其 EXIF 方向旋转显示，标注已随之旋转</translation>
    </message>
    <message>
        <source>{file}: {image} is shown mirrored or turned half round by its EXIF orientation; labels drawn on it in a tool that ignores the orientation (labelImg) lie mirrored or turned from where they were drawn: check them on the photo</source>
        <translation>{file}：{image} 按其 EXIF 方向镜像或旋转 180° 显示；在忽略该方向的工具（labelImg）中画的标注会相对原位置镜像或旋转：请在照片上核对</translation>
    </message>
    <message>
        <source>{file}: imported into {image}, checked against the size saved with its labels ({width}x{height}) as the photo cannot be read: {error}</source>
        <translation>{file}：已导入 {image}，因无法读取照片，按随其标注保存的尺寸（{width}x{height}）核对：{error}</translation>
    </message>
    <message>
        <source>{file}: labelled on a {label_width}x{label_height} image, imported into {image} scaled to the size saved with its labels ({width}x{height}) as the photo cannot be read: {error}</source>
        <translation>{file}：标注时图像为 {label_width}x{label_height}，因无法读取照片，已按随其标注保存的尺寸（{width}x{height}）缩放后导入 {image}：{error}</translation>
    </message>
    <message>
        <source>{file}: named for {image}, which opens as an OCT volume of {pages} B-scans now; labelled while a TIFF opened as one picture, its first page, so imported into B-scan 1 of it, not B-scan {shown} that it shows</source>
        <translation>{file}：按 {image} 命名，该文件现在作为含 {pages} 个 B 扫描的 OCT 容积打开；这些标注是在 TIFF 仅作为一张图像（即其第一页）打开时所做，因此已导入其 B 扫描 1，而不是其显示的 B 扫描 {shown}</translation>
    </message>
    <message>
        <source>{count} label file(s) matched no image, e.g. {example}</source>
        <translation>{count} 个标注文件没有匹配到图像，例如 {example}</translation>
    </message>
    <message>
        <source>{count} label file(s) named for pages of {image}, e.g. {example}, were not imported: it is a TIFF of {pages} pages, which opens as one picture, its first page (a multi-frame DICOM file opens frame by frame, a TIFF page by page only where every page is grey and of one size); save the volume as DICOM, or each page as an image of its own, to label its pages</source>
        <translation>{count} 个标注文件按 {image} 的页命名（例如 {example}），未导入：该文件是 {pages} 页的 TIFF，打开时只作为一张图像，即其第一页（多帧 DICOM 文件逐帧打开，TIFF 仅在每一页均为灰度且尺寸相同时才逐页打开）；请将该容积另存为 DICOM，或将每一页另存为单独的图像，再标注各页</translation>
    </message>
    <message>
        <source>{count} image(s) of {file} matched no case, e.g. {example}</source>
        <translation>{file} 中有 {count} 张图像没有匹配到病例，例如 {example}</translation>
    </message>
    <message>
        <source>no labels imported for {photos}: {file} lists photos of each name in different subsets of the CVAT project ({files}); export the project&apos;s dataset (it puts each subset in its own folder) or import one task&apos;s file</source>
        <translation>未为 {photos} 导入标注：{file} 在 CVAT 项目的不同子集中列有同名照片（{files}）；请导出项目的数据集（它把每个子集放在各自的文件夹中），或导入单个任务的文件</translation>
    </message>
    <message>
        <source>skipped {count} image(s) that are no label images (a photo, or values that are no class number): {files}</source>
        <translation>已跳过 {count} 个不是标注图像的图像（照片，或像素值不是类别编号）：{files}</translation>
    </message>
    <message>
        <source>{count} mask(s) read from JPEG, their class where brighter than mid-grey (JPEG blurs a mask&apos;s edges: save masks as PNG or TIFF to keep them exact): {files}</source>
        <translation>{count} 个掩膜读自 JPEG，亮于中灰的像素计为该掩膜的类别（JPEG 会使掩膜边缘模糊：请将掩膜存为 PNG 或 TIFF 以保持精确）：{files}</translation>
    </message>
    <message>
        <source>{label}: not imported: named for no image exactly, and its name fits several: {images}</source>
        <translation>{label}：未导入：没有与之名称完全相同的图像，而其名称同时符合多张图像：{images}</translation>
    </message>
    <message>
        <source>skipped: {error}</source>
        <translation>已跳过：{error}</translation>
    </message>
    <message>
        <source>skipped (the data set needs the image): {error}</source>
        <translation>已跳过（数据集需要图像）：{error}</translation>
    </message>
    <message>
        <source>{count} of the {total} row(s) have no grade yet (the cases were not graded, e.g. {example}); their cells are empty</source>
        <translation>{total} 行中有 {count} 行尚无分级（这些病例尚未分级，例如 {example}）；其单元格为空</translation>
    </message>
    <message>
        <source>{count} pixel(s) painted with two or more classes were written as one (an indexed PNG holds one class per pixel; MA wins, then HE, EX, SE, OD): export masks to keep every class whole</source>
        <translation>{count} 个同时标有两种及以上类别的像素被写成一种类别（索引 PNG 每个像素只存一种类别；优先顺序为 MA、HE、EX、SE、OD）：如需完整保留每个类别，请导出分类别掩膜</translation>
    </message>
    <message>
        <source>{count} box(es) marked difficult or truncated lost the mark: YOLO files cannot hold it (export VOC to keep it)</source>
        <translation>{count} 个标为“困难”或“截断”的框丢失了该标记：YOLO 文件无法保存它（导出为 VOC 可保留）</translation>
    </message>
    <message>
        <source>{count} case(s) have a lesion class boxed but not painted, e.g. {example} ({classes}): no mask file was written for such a class, as an empty one would say there is none inside its boxes; masks hold no boxes, so export VOC too to keep them</source>
        <translation>{count} 个病例有只画了框、未涂抹的病灶类别，例如 {example}（{classes}）：这类类别不写掩膜文件，因为空掩膜会表示其框内没有病灶；掩膜不含框，请同时导出 VOC 以保留这些框</translation>
    </message>
    <message>
        <source>{count} case(s) have no lesion painted or boxed and no grade of No DR, e.g. {example}: no masks were written for them, as empty ones would say there is no lesion where nobody said so; their grades are kept for the grade tasks</source>
        <translation>{count} 个病例既没有涂画或框出的病灶，分级也不是“无明显糖尿病视网膜病变”，例如 {example}：未为它们写入掩膜，因为空掩膜会在无人标注之处声称没有病灶；其分级仍保留用于分级任务</translation>
    </message>
    <message>
        <source>{count} case(s) have a class boxed but not painted, e.g. {example} ({classes}): neither a mask of such a class nor the case&apos;s indexed PNG (masks_indexed) was written, as they would say there is none inside its boxes; the boxes are in voc/</source>
        <translation>{count} 个病例有只框出而未涂画的类别，例如 {example}（{classes}）：既未写入该类别的掩膜，也未写入该病例的索引 PNG（masks_indexed），因为它们会声称其框内没有病灶；框在 voc/ 中</translation>
    </message>
    <message>
        <source>removed {count} mask file(s) an earlier export wrote that this one no longer writes, e.g. {example}: left there they would have said a class is absent</source>
        <translation>已删除先前导出写入、本次导出不再写入的 {count} 个掩膜文件，例如 {example}：留下它们会表示某类别不存在</translation>
    </message>
    <message>
        <source>removed {count} file(s) an earlier export wrote that this one no longer writes, e.g. {example}: left there, training would read labels nobody drew any more</source>
        <translation>已删除先前导出写入、本次导出不再写入的 {count} 个文件，例如 {example}：留下它们，训练会读到已无人标注的标签</translation>
    </message>
    <message>
        <source>removed {count} file(s) an earlier export wrote that this one no longer writes, e.g. {example}: a data set holds one export&apos;s cases, and left there, training would read cases or labels this one leaves out</source>
        <translation>已删除先前导出写入、本次导出不再写入的 {count} 个文件，例如 {example}：一个数据集只含一次导出的病例；留下它们，训练会读到本次导出未包含的病例或标签</translation>
    </message>
    <message>
        <source>kept {count} file(s) an earlier export wrote that this one no longer writes, e.g. {example}: changed since, they are not the program&apos;s to remove, and left there they may hold labels nobody drew any more; remove them, or export into an empty folder</source>
        <translation>保留了先前导出写入、本次导出不再写入的 {count} 个文件，例如 {example}：它们此后已被修改，不应由本程序删除；留在那里可能含有已无人标注的标签；请删除它们，或导出到空文件夹</translation>
    </message>
    <message>
        <source>kept {count} file(s) an earlier export wrote for these cases under the names exports used to give them, e.g. {example} (now {now}): left there, the folder holds those cases&apos; labels twice; remove them, or export into an empty folder</source>
        <translation>保留了先前导出按旧命名方式为这些病例写入的 {count} 个文件，例如 {example}（现名为 {now}）：若留在那里，该文件夹中这些病例的标签将有两份；请删除它们，或导出到空文件夹</translation>
    </message>
    <message>
        <source>kept {count} file(s) changed since an earlier export wrote them, renamed beside the ones written now, e.g. {file} as {kept}: the files written now do not hold those changes; to keep them, import the kept files (named back) into the cases, then export again</source>
        <translation>保留了先前导出写入后又被修改的 {count} 个文件，已改名放在本次写入的文件旁边，例如 {file} 改名为 {kept}：本次写入的文件不含这些修改；如要保留，请将保留的文件（改回原名）导入病例，然后再次导出</translation>
    </message>
    <message>
        <source>{count} file(s) were written to {folder} before the export stopped; they are kept</source>
        <translation>导出停止前已向 {folder} 写入 {count} 个文件；这些文件已保留</translation>
    </message>
    <message>
        <source>removed the earlier export&apos;s {files} before this one wrote its cases: training reads no split lists of a data set that is not there; export again to write them</source>
        <translation>已在本次导出写入病例之前删除先前导出的 {files}：训练不会读到描述已不存在的数据集的划分列表；请重新导出以写入它们</translation>
    </message>
    <message>
        <source>{count} case(s) in {folder} were imported before the import stopped; they are kept, and importing the same labels again does not add them twice</source>
        <translation>导入停止前已向 {folder} 导入 {count} 个病例；这些病例会保留，再次导入相同的标注不会重复添加</translation>
    </message>
</context>
<context>
    <name>UndoActions</name>
    <message>
        <source>&amp;Undo {edit}</source>
        <translation>撤销“{edit}”(&amp;U)</translation>
    </message>
    <message>
        <source>&amp;Redo {edit}</source>
        <translation>重做“{edit}”(&amp;R)</translation>
    </message>
</context>
<context>
    <name>UnknownCommand</name>
    <message>
        <source>unknown command &apos;{word}&apos;</source>
        <translation>未知命令 &apos;{word}&apos;</translation>
    </message>
    <message>
        <source>unknown command &apos;{word}&apos;; did you mean &apos;{nearest}&apos;?</source>
        <translation>未知命令 &apos;{word}&apos;；您是否想输入 &apos;{nearest}&apos;？</translation>
    </message>
    <message>
        <source>commands: {commands}; and no file or folder named &apos;{word}&apos; exists to open</source>
        <translation>可用命令：{commands}；也没有名为 &apos;{word}&apos; 的文件或文件夹可供打开</translation>
    </message>
</context>
<context>
    <name>UnknownLabels</name>
    <message>
        <source>{name} (in {count} file(s): {files})</source>
        <translation>{name}（见于 {count} 个文件：{files}）</translation>
    </message>
    <message>
        <source>shapes without a label (in {count} file(s): {files})</source>
        <translation>无标签的形状（见于 {count} 个文件：{files}）</translation>
    </message>
</context>
<context>
    <name>WeightProblems</name>
    <message>
        <source>{count} tensors of the wrong shape (first: {first})</source>
        <translation>{count} 个张量形状不符（第一个：{first}）</translation>
    </message>
    <message>
        <source>{count} missing (first: {first})</source>
        <translation>缺少 {count} 个（第一个：{first}）</translation>
    </message>
    <message>
        <source>{count} unexpected (first: {first})</source>
        <translation>多出 {count} 个（第一个：{first}）</translation>
    </message>
</context>
<context>
    <name>WindowLayout</name>
    <message>
        <source>{keys}; {ungradable}: ungradable</source>
        <translation>{keys}；{ungradable}：无法分级</translation>
    </message>
    <message>
        <source>Keys: {first} to {last}</source>
        <translation>快捷键：{first} 至 {last}</translation>
    </message>
    <message>
        <source>&amp;Tool bars and panels</source>
        <translation>工具栏和面板(&amp;T)</translation>
    </message>
    <message>
        <source>Findings</source>
        <translation>检查所见</translation>
    </message>
</context>
<context>
    <name>WindowStatusBar</name>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>device: {device}</source>
        <translation>设备：{device}</translation>
    </message>
    <message>
        <source>model: {models}</source>
        <translation>模型：{models}</translation>
    </message>
    <message>
        <source>Stop</source>
        <translation>停止</translation>
    </message>
    <message>
        <source>Stop listing the folder (Esc): the photos listed so far stay listed</source>
        <translation>停止列出文件夹（Esc）：已列出的照片保留在列表中</translation>
    </message>
    <message>
        <source>Loading the AI models…</source>
        <translation>正在加载 AI 模型…</translation>
    </message>
    <message>
        <source>AI models ready on {device} (loaded in {seconds} s)</source>
        <translation>AI 模型已就绪，运行于 {device}（加载用时 {seconds} 秒）</translation>
    </message>
    <message>
        <source>Opening {folder}…</source>
        <translation>正在打开 {folder}…</translation>
    </message>
    <message>
        <source>Listing the folder: {0} photos found so far</source>
        <translation>正在列出文件夹：已找到 {0} 张照片</translation>
    </message>
    <message>
        <source>Listing the folder: {0} photos found so far; checking whether files named as masks are photos: {1} of {2}</source>
        <translation>正在列出文件夹：已找到 {0} 张照片；正在检查按病灶掩膜命名的文件是否为照片：{1} / {2}</translation>
    </message>
    <message>
        <source>Listing the folder: {0} of {1} photos</source>
        <translation>正在列出文件夹：{0} / {1} 张照片</translation>
    </message>
    <message>
        <source>Cancelling…</source>
        <translation>正在取消…</translation>
    </message>
    <message>
        <source>x {x} y {y}  RGB {r} {g} {b}</source>
        <translation>x {x} y {y}  RGB {r} {g} {b}</translation>
    </message>
</context>
<context>
    <name>WorkspaceLinks</name>
    <message>
        <source>{folder} leads out of {root} (to {target}) through a link; nothing is written, renamed or deleted there. Replace the link with an ordinary folder to save here.</source>
        <translation>{folder} 通过链接指向 {root} 之外（{target}）；不会在那里写入、重命名或删除任何内容。请用普通文件夹替换该链接，以便在此保存。</translation>
    </message>
    <message>
        <source>{path} is a link to {target}, outside {root}; it is not written through. Remove the link to save here.</source>
        <translation>{path} 是指向 {root} 之外 {target} 的链接；不会通过它写入。请删除该链接，以便在此保存。</translation>
    </message>
    <message>
        <source>{folder} is a link (to {target}), not the folder this program made; nothing is written, renamed or deleted through it. Replace the link with an ordinary folder to save here.</source>
        <translation>{folder} 是链接（指向 {target}），不是本程序创建的文件夹；不会通过它写入、重命名或删除任何内容。请用普通文件夹替换该链接，以便在此保存。</translation>
    </message>
    <message>
        <source>{path} is a link (to {target}), not the file this program made; it is not written through. Remove the link to save here.</source>
        <translation>{path} 是链接（指向 {target}），不是本程序创建的文件；不会通过它写入。请删除该链接，以便在此保存。</translation>
    </message>
</context>
<context>
    <name>WorkspaceMessages</name>
    <message>
        <source>{folder}: folder not found; choose a folder that contains images</source>
        <translation>{folder}：未找到文件夹；请选择一个包含图像的文件夹</translation>
    </message>
    <message>
        <source>{path}: could not take the workspace lock (another program keeps recreating it)</source>
        <translation>{path}：无法获取工作区锁（另一个程序不断重新创建它）</translation>
    </message>
    <message>
        <source>{path} could not be read; the case list was rebuilt from the per-case files (the audit log is not shown).</source>
        <translation>无法读取 {path}；已根据各病例的文件重建病例列表（不显示审计日志）。</translation>
    </message>
    <message>
        <source>{path} is locked by another program; using a temporary index rebuilt from the per-case files. Saves still go to the per-case files; audit entries of this session are not kept.</source>
        <translation>{path} 被另一个程序锁定；正在使用根据各病例文件重建的临时索引。保存仍写入各病例的文件；本次会话的审计记录不会保留。</translation>
    </message>
    <message>
        <source>The workspace index {path} was damaged ({error}); rebuilt it from the per-case files. The old file was kept as {kept} (its audit log is there).</source>
        <translation>工作区索引 {path} 已损坏（{error}）；已根据各病例的文件重建。旧文件保留为 {kept}（审计日志在其中）。</translation>
    </message>
    <message>
        <source>The workspace index {path} has other names on this disk (a hard link, as a backup&apos;s snapshot makes), which its writes would change too; rebuilt it from the per-case files. The old file was kept, unchanged, as {kept} (its audit log is there).</source>
        <translation>工作区索引 {path} 在此磁盘上还有其他名称（硬链接，备份快照会产生这种链接），写入它也会改变这些名称下的文件；已根据各病例的文件重建。旧文件原样保留为 {kept}（审计日志在其中）。</translation>
    </message>
    <message>
        <source>no case {case} in {folder}; refresh the case list</source>
        <translation>{folder} 中没有病例 {case}；请刷新病例列表</translation>
    </message>
    <message>
        <source>{image} has {count} B-scan(s), not {number}</source>
        <translation>{image} 有 {count} 个 B 扫描，没有第 {number} 个</translation>
    </message>
    <message>
        <source>{image} has {count} frame(s), not {number}</source>
        <translation>{image} 有 {count} 帧，没有第 {number} 帧</translation>
    </message>
    <message>
        <source>the workspace {folder} is closed</source>
        <translation>工作区 {folder} 已关闭</translation>
    </message>
    <message>
        <source>{folder} is open read-only; {image} was not saved. {reason}</source>
        <translation>{folder} 以只读方式打开；{image} 未保存。{reason}</translation>
    </message>
    <message>
        <source>{folder} is open read-only; nothing was imported. {reason}</source>
        <translation>{folder} 以只读方式打开；未导入任何内容。{reason}</translation>
    </message>
    <message>
        <source>{folder}: the damaged file could not be copied aside ({error}); the case was not changed</source>
        <translation>{folder}：无法另存损坏的文件（{error}）；病例未作任何更改</translation>
    </message>
    <message>
        <source>{folder}: saving {image} failed ({error}); the previously saved labels are intact. {hint}</source>
        <translation>{folder}：保存 {image} 失败（{error}）；之前保存的标注完好无损。{hint}</translation>
    </message>
    <message>
        <source>{image} was saved, but the index could not be updated ({error}); it is brought up to date the next time the folder is opened.</source>
        <translation>{image} 已保存，但无法更新索引（{error}）；下次打开该文件夹时会更新。</translation>
    </message>
    <message>
        <source>case {case} ({image}) is no B-scan of a volume in {folder}</source>
        <translation>病例 {case}（{image}）不是 {folder} 中某个容积数据的 B 扫描</translation>
    </message>
    <message>
        <source>case {case} ({image}) is no frame of a file in {folder}</source>
        <translation>病例 {case}（{image}）不是 {folder} 中某个文件的帧</translation>
    </message>
    <message>
        <source>case {case} does not belong to {folder}</source>
        <translation>病例 {case} 不属于 {folder}</translation>
    </message>
    <message>
        <source>{file}: not replaced (this program did not write it for {image}); import it first (Annotate ▸ Import labels, VOC) or move it away</source>
        <translation>{file}：未覆盖（它不是本程序为 {image} 写入的）；请先导入它（标注 ▸ 导入标注，VOC）或将其移走</translation>
    </message>
    <message>
        <source>{path}: autosave of {image} failed ({error}); save the case to keep its changes</source>
        <translation>{path}：自动保存 {image} 失败（{error}）；请保存该病例以保留修改</translation>
    </message>
    <message>
        <source>Could not recover {image} from autosave: {error} The snapshot is kept; the next open tries again.</source>
        <translation>无法从自动保存恢复 {image}：{error} 快照已保留；下次打开时会再次尝试。</translation>
    </message>
    <message>
        <source>After a crash, unsaved edits of {count} case(s) were recovered from autosave and saved; check them (the last seconds&apos; edits may be lost): {images}</source>
        <translation>程序崩溃后，已从自动保存恢复并保存 {count} 个病例尚未保存的编辑；请检查这些病例（崩溃前最后几秒的编辑可能已丢失）：{images}</translation>
    </message>
    <message>
        <source>After {reader}&apos;s program crashed, their unsaved edits of {count} case(s) were recovered from autosave and saved; check them (the last seconds&apos; edits may be lost): {images}</source>
        <translation>{reader} 的程序崩溃后，已从自动保存恢复并保存其 {count} 个病例尚未保存的编辑；请检查这些病例（崩溃前最后几秒的编辑可能已丢失）：{images}</translation>
    </message>
    <message>
        <source>{path}: autosave snapshot cannot be recovered ({problem}) nor set aside ({error}).</source>
        <translation>{path}：自动保存快照既无法恢复（{problem}），也无法移到一旁（{error}）。</translation>
    </message>
    <message>
        <source>{path}: autosave snapshot is damaged or cannot be recovered ({problem}); kept as {kept}, not tried again.</source>
        <translation>{path}：自动保存快照已损坏或无法恢复（{problem}）；已保留为 {kept}，不再尝试。</translation>
    </message>
    <message>
        <source>not recovered when the folder opened, and this session&apos;s work on the case would replace it</source>
        <translation>打开文件夹时未能恢复，本次对该病例的操作会将其替换</translation>
    </message>
    <message>
        <source>{path}: mask is {mode} {width}x{height}, expected 8-bit grey {image_width}x{image_height} — the sidecar file was changed by hand</source>
        <translation>{path}：掩膜为 {mode} {width}x{height}，应为 8 位灰度 {image_width}x{image_height}——附属文件被手动修改过</translation>
    </message>
    <message>
        <source>{path}: cannot read the saved mask ({error}); an autosave snapshot or backup may still hold it</source>
        <translation>{path}：无法读取已保存的掩膜（{error}）；自动保存快照或备份中可能仍有它</translation>
    </message>
    <message>
        <source>{path}: the saved mask of {case} is missing (deleted, or lost by a sync), so its painted lesions cannot be shown or exported; put the file back from a backup before painting the case again</source>
        <translation>{path}：{case} 已保存的掩膜文件不存在（已被删除或同步时丢失），其绘制的病灶无法显示或导出；请先从备份恢复该文件，再绘制此病例</translation>
    </message>
    <message>
        <source>{path}: the saved labels cannot be read ({error}); restore the file from a backup or delete the folder to start this case afresh</source>
        <translation>{path}：无法读取已保存的标注（{error}）；请从备份恢复该文件，或删除该文件夹以重新开始此病例</translation>
    </message>
    <message>
        <source>{path}: holds the labels of case {other}, not {case} (the folder was copied or linked by hand); nothing is saved over it. Remove this case folder to start the case afresh</source>
        <translation>{path}：存放的是病例 {other} 而不是 {case} 的标注（该文件夹被手动复制或链接过）；不会覆盖保存。请删除此病例文件夹以重新开始该病例</translation>
    </message>
    <message>
        <source>{path}: the saved labels are not valid ({error})</source>
        <translation>{path}：已保存的标注无效（{error}）</translation>
    </message>
    <message>
        <source>{path}: the saved AI result cannot be read ({error}); run the analysis again</source>
        <translation>{path}：无法读取已保存的 AI 结果（{error}）；请重新运行分析</translation>
    </message>
    <message>
        <source>{path}: the saved AI result of {case} is missing (deleted, or lost by a sync); run the analysis again</source>
        <translation>{path}：{case} 已保存的 AI 结果文件不存在（已被删除或同步时丢失）；请重新运行分析</translation>
    </message>
    <message>
        <source>{folder}: folder not found; give the folder that holds the label files</source>
        <translation>{folder}：未找到文件夹；请指定存放标注文件的文件夹</translation>
    </message>
    <message>
        <source>{folder}: is a zip archive, as CVAT downloads an export; unzip it and give the folder it holds</source>
        <translation>{folder}：是 zip 压缩包（CVAT 下载的导出即是如此）；请先解压，再指定解压出的文件夹</translation>
    </message>
    <message>
        <source>{path}: the file name is not valid UTF-8 text, so it cannot be stored or exported safely — rename the file (any name in plain letters) and refresh</source>
        <translation>{path}：文件名不是有效的 UTF-8 文本，无法安全地存储或导出——请重命名该文件（任何由普通字母组成的名称均可）后刷新</translation>
    </message>
    <message>
        <source>{path}: image file not found — its labels are kept in {folder}; put the image back to review it</source>
        <translation>{path}：找不到图像文件——其标注保存在 {folder} 中；请放回该图像以便审阅</translation>
    </message>
    <message>
        <source>{path}: no longer listed as a case (a lesion mask kept beside its photo is that photo&apos;s label file; a folder of outputs holds no cases) — what was recorded on it is kept in {folder}</source>
        <translation>{path}：不再列为病例（与照片放在一起的病灶掩膜是该照片的标注文件；输出文件夹中不含病例）——其上记录的内容保存在 {folder} 中</translation>
    </message>
    <message>
        <source>A TIFF of grey B-scans opens as an OCT volume now: the labels saved on {images} when a TIFF opened as one picture, its first page, were moved to B-scan 1 of their file</source>
        <translation>由灰度 B 扫描组成的 TIFF 现在作为 OCT 容积打开：{images} 在 TIFF 仅作为一张图像（即其第一页）打开时保存的标注，已移至各自文件的 B 扫描 1</translation>
    </message>
    <message>
        <source>{image} opens as an OCT volume now: the labels saved on it while it opened as one picture, its first page, could not be moved to its B-scan 1 ({error}); until they are (the next open tries again), they show on its B-scan {number}</source>
        <translation>{image} 现在作为 OCT 容积打开：它在仅作为一张图像（即其第一页）打开时保存的标注无法移至其 B 扫描 1（{error}）；迁移成功前（下次打开时会再试），这些标注显示在其 B 扫描 {number} 上</translation>
    </message>
    <message>
        <source>{image} opens as an OCT volume now: the labels saved on it while it opened as one picture, its first page, show on its B-scan {number} until the folder is opened for editing, which moves them to its B-scan 1</source>
        <translation>{image} 现在作为 OCT 容积打开：它在仅作为一张图像（即其第一页）打开时保存的标注，显示在其 B 扫描 {number} 上，直到以可编辑方式打开该文件夹时才会移至其 B 扫描 1</translation>
    </message>
    <message>
        <source>{path}: cannot read the image header ({error}) — please report this file; the other cases are unaffected</source>
        <translation>{path}：无法读取图像文件头（{error}）——请报告此文件；其他病例不受影响</translation>
    </message>
</context>
<context>
    <name>WriteHints</name>
    <message>
        <source>Free disk space, then save again.</source>
        <translation>请释放磁盘空间，然后再次保存。</translation>
    </message>
    <message>
        <source>Check that the folder can be written to, then save again.</source>
        <translation>请确认该文件夹可以写入，然后再次保存。</translation>
    </message>
    <message>
        <source>Check that the disk or network share is connected, then save again.</source>
        <translation>请确认磁盘或网络共享已连接，然后再次保存。</translation>
    </message>
    <message>
        <source>Save again once the cause is mended.</source>
        <translation>排除原因后请再次保存。</translation>
    </message>
    <message>
        <source>Free disk space, then import again.</source>
        <translation>请释放磁盘空间，然后再次导入。</translation>
    </message>
    <message>
        <source>Check that the folder can be written to, then import again.</source>
        <translation>请确认该文件夹可以写入，然后再次导入。</translation>
    </message>
    <message>
        <source>Check that the disk or network share is connected, then import again.</source>
        <translation>请确认磁盘或网络共享已连接，然后再次导入。</translation>
    </message>
    <message>
        <source>Import again once the cause is mended.</source>
        <translation>排除原因后请再次导入。</translation>
    </message>
</context>
<context>
    <name>XcbCheck</name>
    <message>
        <source>Qt&apos;s X11 platform plugin cannot load: these system libraries are missing: {libraries}.
On Debian or Ubuntu install them with:
    sudo apt-get install {packages}
(other systems: the packages that provide those files). Checked with: ldd {plugin}</source>
        <translation>Qt 的 X11 平台插件无法加载：缺少以下系统库：{libraries}。
在 Debian 或 Ubuntu 上可用以下命令安装：
    sudo apt-get install {packages}
（其他系统：安装提供这些文件的软件包）。检查所用命令：ldd {plugin}</translation>
    </message>
</context>
</TS>
