<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en" sourcelanguage="en">
<context>
    <name>DictionaryCard</name>
    <message numerus="yes">
        <location filename="../../translator_app/gui/dictionary_card.py" line="95"/>
        <source>%n more entries</source>
        <translation>
            <numerusform>%n more entry</numerusform>
            <numerusform>%n more entries</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../translator_app/gui/dictionary_card.py" line="96"/>
        <source>Show %n more dictionary entries</source>
        <translation>
            <numerusform>Show %n more dictionary entry</numerusform>
            <numerusform>Show %n more dictionary entries</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../translator_app/gui/dictionary_card.py" line="137"/>
        <source>+%n more forms and phrases</source>
        <translation>
            <numerusform>+%n more form or phrase</numerusform>
            <numerusform>+%n more forms and phrases</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ExchangeWidget</name>
    <message numerus="yes">
        <location filename="../../translator_app/gui/bubbles.py" line="221"/>
        <source>Alternatives (%n)</source>
        <translation>
            <numerusform>Alternatives (%n)</numerusform>
            <numerusform>Alternatives (%n)</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>HeatmapWidget</name>
    <message numerus="yes">
        <location filename="../../translator_app/gui/heatmap.py" line="63"/>
        <source>%n target rows</source>
        <translation>
            <numerusform>%n target row</numerusform>
            <numerusform>%n target rows</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../translator_app/gui/heatmap.py" line="64"/>
        <source>%n source columns</source>
        <translation>
            <numerusform>%n source column</numerusform>
            <numerusform>%n source columns</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>HistoryDialog</name>
    <message numerus="yes">
        <location filename="../../translator_app/gui/dialogs.py" line="152"/>
        <source>%n entries</source>
        <translation>
            <numerusform>%n entry</numerusform>
            <numerusform>%n entries</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>InputPane</name>
    <message numerus="yes">
        <location filename="../../translator_app/gui/input_pane.py" line="157"/>
        <source>%n character(s)</source>
        <translation>
            <numerusform>%n character</numerusform>
            <numerusform>%n characters</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message numerus="yes">
        <location filename="../../translator_app/gui/main_window.py" line="354"/>
        <source>Queued: %n more waiting</source>
        <translation>
            <numerusform>Queued: %n more waiting</numerusform>
            <numerusform>Queued: %n more waiting</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>TeachController</name>
    <message numerus="yes">
        <location filename="../../translator_app/gui/teach_controller.py" line="1"/>
        <source>Taught the model %n correction(s) in {0} s</source>
        <translation>
            <numerusform>Taught the model %n correction in {0} s</numerusform>
            <numerusform>Taught the model %n corrections in {0} s</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../translator_app/gui/teach_controller.py" line="1"/>
        <source>%n of your corrections still come(s) only from your memory, not from the model alone (too long, or too near other sentences to change safely).</source>
        <translation>
            <numerusform>%n of your corrections still comes only from your memory, not from the model alone (too long, or too near other sentences to change safely).</numerusform>
            <numerusform>%n of your corrections still come only from your memory, not from the model alone (too long, or too near other sentences to change safely).</numerusform>
        </translation>
    </message>
</context>
</TS>
