<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="de_DE">
<context>
    <name>AboutDialog</name>
    <message>
        <location filename="../../translator_app/gui/dialogs.py" line="179"/>
        <source>About translator-app</source>
        <translation>Über translator-app</translation>
    </message>
    <message>
        <source>Example sentences</source>
        <translation>Beispielsätze</translation>
    </message>
    <message>
        <location filename="../../translator_app/gui/dialogs.py" line="184"/>
        <source>Offline German ↔ English translation with a GRU encoder–decoder and Bahdanau attention. Nothing you type leaves this computer.</source>
        <translation>Offline-Übersetzung Deutsch ↔ Englisch mit einem GRU-Encoder-Decoder und Bahdanau-Attention. Nichts, was Sie eingeben, verlässt diesen Computer.</translation>
    </message>
    <message>
        <location filename="../../translator_app/gui/dialogs.py" line="187"/>
        <source>Model</source>
        <translation>Modell</translation>
    </message>
    <message>
        <location filename="../../translator_app/gui/dialogs.py" line="188"/>
        <source>Device in use</source>
        <translation>Verwendetes Gerät</translation>
    </message>
    <message>
        <location filename="../../translator_app/gui/dialogs.py" line="189"/>
        <source>Measured quality</source>
        <translation>Gemessene Qualität</translation>
    </message>
    <message>
        <location filename="../../translator_app/gui/dialogs.py" line="189"/>
        <source>not recorded in this bundle; see the model card</source>
        <translation>in diesem Paket nicht hinterlegt; siehe Modellkarte</translation>
    </message>
    <message>
        <location filename="../../translator_app/gui/dialogs.py" line="191"/>
        <source>Licence</source>
        <translation>Lizenz</translation>
    </message>
    <message>
        <location filename="../../translator_app/gui/dialogs.py" line="192"/>
        <source>the application is free software under the GNU GPL, version 3 or later (GPL-3.0-or-later). The model was trained on data licensed under the GPL, version 2 or later (GPL-2.0-or-later).</source>
        <translation>Die Anwendung ist freie Software unter der GNU GPL, Version 3 oder später (GPL-3.0-or-later). Das Modell wurde mit Daten unter der GPL, Version 2 oder später (GPL-2.0-or-later), trainiert.</translation>
    </message>
    <message>
        <location filename="../../translator_app/gui/dialogs.py" line="198"/>
        <source>*The model card appears here once the model has loaded.*</source>
        <translation>*Die Modellkarte erscheint hier, sobald das Modell geladen ist.*</translation>
    </message>
    <message>
        <location filename="../../translator_app/gui/dialogs.py" line="204"/>
        <source>About and model card</source>
        <translation>Über das Programm und Modellkarte</translation>
    </message>
</context>
<context>
    <name>AttentionPanel</name>
    <message>
        <location filename="../../translator_app/gui/attention_panel.py"/>
        <source>The model is scoring this translation; its attention follows in a moment.</source>
        <translation>Das Modell bewertet diese Übersetzung; seine Attention folgt gleich.</translation>
    </message>
    <message>
        <location filename="../../translator_app/gui/attention_panel.py"/>
        <source>Steps</source>
        <translation>Schritte</translation>
    </message>
    <message>
        <location filename="../../translator_app/gui/attention_panel.py"/>
        <source>Watch the model build the translation step by step</source>
        <translation>Zusehen, wie das Modell die Übersetzung Schritt für Schritt aufbaut</translation>
    </message>
    <message>
        <location filename="../../translator_app/gui/attention_panel.py" line="31"/>
        <source>Attention</source>
        <translation>Attention</translation>
    </message>
    <message>
        <location filename="../../translator_app/gui/attention_panel.py" line="33"/>
        <source>Pieces</source>
        <translation>Teilwörter</translation>
    </message>
    <message>
        <location filename="../../translator_app/gui/attention_panel.py" line="34"/>
        <source>Words</source>
        <translation>Wörter</translation>
    </message>
    <message>
        <location filename="../../translator_app/gui/attention_panel.py" line="36"/>
        <source>Show SentencePiece pieces, as the model saw them</source>
        <translation>SentencePiece-Teilwörter zeigen, wie das Modell sie sah</translation>
    </message>
    <message>
        <location filename="../../translator_app/gui/attention_panel.py" line="37"/>
        <source>Show whole words: sum over source pieces, average over target pieces</source>
        <translation>Ganze Wörter zeigen: Summe über Quell-Teilwörter, Mittelwert über Ziel-Teilwörter</translation>
    </message>
    <message>
        <location filename="../../translator_app/gui/attention_panel.py" line="48"/>
        <source>Export</source>
        <translation>Exportieren</translation>
    </message>
    <message>
        <location filename="../../translator_app/gui/attention_panel.py" line="49"/>
        <source>Export the heatmap or the matrix</source>
        <translation>Heatmap oder Matrix exportieren</translation>
    </message>
    <message>
        <location filename="../../translator_app/gui/attention_panel.py" line="52"/>
        <source>Heatmap as PNG…</source>
        <translation>Heatmap als PNG…</translation>
    </message>
    <message>
        <location filename="../../translator_app/gui/attention_panel.py" line="53"/>
        <source>Heatmap as SVG…</source>
        <translation>Heatmap als SVG…</translation>
    </message>
    <message>
        <location filename="../../translator_app/gui/attention_panel.py" line="54"/>
        <source>Matrix as CSV…</source>
        <translation>Matrix als CSV…</translation>
    </message>
    <message>
        <location filename="../../translator_app/gui/attention_panel.py" line="55"/>
        <source>Matrix as JSON…</source>
        <translation>Matrix als JSON…</translation>
    </message>
    <message>
        <location filename="../../translator_app/gui/attention_panel.py" line="71"/>
        <source>Attention heatmap</source>
        <translation>Attention-Heatmap</translation>
    </message>
    <message>
        <location filename="../../translator_app/gui/attention_panel.py" line="118"/>
        <source>The attention of a text this long is shown when it is translated, but not kept in the history.</source>
        <translation>Die Attention eines so langen Textes wird beim Übersetzen gezeigt, aber nicht im Verlauf gespeichert.</translation>
    </message>
    <message>
        <location filename="../../translator_app/gui/attention_panel.py" line="121"/>
        <source>No model is loaded, so there is no attention to show.</source>
        <translation>Es ist kein Modell geladen, daher gibt es keine Attention zu zeigen.</translation>
    </message>
    <message>
        <location filename="../../translator_app/gui/attention_panel.py" line="132"/>
        <source>Rows: output · columns: input · colour: attention weight. Hover a cell, or a word in a bubble.</source>
        <translation>Zeilen: Ausgabe · Spalten: Eingabe · Farbe: Attention-Gewicht. Zeigen Sie auf eine Zelle oder ein Wort in einer Sprechblase.</translation>
    </message>
    <message>
        <location filename="../../translator_app/gui/attention_panel.py" line="135"/>
        <source>“▁” starts a word; “&lt;/s&gt;” is the end of the input.</source>
        <translation>„▁“ beginnt ein Wort; „&lt;/s&gt;“ ist das Ende der Eingabe.</translation>
    </message>
    <message>
        <location filename="../../translator_app/gui/attention_panel.py" line="189"/>
        <source>Possibly untranslated (no output word for it): {0}</source>
        <translation>Möglicherweise nicht übersetzt (kein Ausgabewort dafür): {0}</translation>
    </message>
    <message>
        <location filename="../../translator_app/gui/attention_panel.py" line="192"/>
        <source>Possible loop (repeated output on one source word): {0}</source>
        <translation>Mögliche Schleife (wiederholte Ausgabe auf einem Quellwort): {0}</translation>
    </message>
    <message>
        <location filename="../../translator_app/gui/attention_panel.py" line="220"/>
        <source>PNG image (*.png)</source>
        <translation>PNG-Bild (*.png)</translation>
    </message>
    <message>
        <location filename="../../translator_app/gui/attention_panel.py" line="220"/>
        <source>SVG image (*.svg)</source>
        <translation>SVG-Bild (*.svg)</translation>
    </message>
    <message>
        <location filename="../../translator_app/gui/attention_panel.py" line="221"/>
        <source>CSV table (*.csv)</source>
        <translation>CSV-Tabelle (*.csv)</translation>
    </message>
    <message>
        <location filename="../../translator_app/gui/attention_panel.py" line="221"/>
        <source>JSON (*.json)</source>
        <translation>JSON (*.json)</translation>
    </message>
    <message>
        <location filename="../../translator_app/gui/attention_panel.py" line="222"/>
        <source>Export attention</source>
        <translation>Attention exportieren</translation>
    </message>
    <message>
        <location filename="../../translator_app/gui/attention_panel.py" line="248"/>
        <source>Could not write {0}</source>
        <translation>{0} konnte nicht geschrieben werden</translation>
    </message>
</context>
<context>
    <name>ColourBar</name>
    <message>
        <location filename="../../translator_app/gui/heatmap.py" line="388"/>
        <source>Colour scale: attention weight</source>
        <translation>Farbskala: Attention-Gewicht</translation>
    </message>
    <message>
        <location filename="../../translator_app/gui/heatmap.py" line="389"/>
        <source>Colour scale (viridis): dark = little attention, yellow = the most attention in this matrix</source>
        <translation>Farbskala (viridis): dunkel = wenig Attention, gelb = die meiste Attention in dieser Matrix</translation>
    </message>
</context>
<context>
    <name>Confidence</name>
    <message>
        <location filename="../../translator_app/gui/bubble_parts.py" line="262"/>
        <source>Confidence: ●●● high · ●●○ medium · ●○○ low</source>
        <translation>Sicherheit: ●●● hoch · ●●○ mittel · ●○○ niedrig</translation>
    </message>
    <message>
        <location filename="../../translator_app/gui/bubbles.py" line="151"/>
        <source>Confidence: the geometric mean of the probabilities the model gave each output token, times how well its best translations agree with each other (chrF).
●●● high: {0}% or more · ●●○ medium: {1}–{0}% · ●○○ low: under {1}%. A translation with a word not translated is medium at most. A dictionary answer has no model confidence.
Words the model was less than 30% sure of are underlined with dots.
Input words with a dashed red line were not translated, or were said twice.</source>
        <translation>Sicherheit: das geometrische Mittel der Wahrscheinlichkeiten, die das Modell jedem Ausgabe-Token gab, mal die Übereinstimmung seiner besten Übersetzungen untereinander (chrF).
●●● hoch: {0} % oder mehr · ●●○ mittel: {1}–{0} % · ●○○ niedrig: unter {1} %. Eine Übersetzung mit einem nicht übersetzten Wort ist höchstens mittel. Eine Wörterbuchantwort hat keine Modell-Sicherheit.
Wörter, bei denen sich das Modell zu weniger als 30 % sicher war, sind gepunktet unterstrichen.
Eingabewörter mit einer gestrichelten roten Linie wurden nicht übersetzt oder doppelt gesagt.</translation>
    </message>
</context>
<context>
    <name>ConfidenceIndicator</name>
    <message>
        <location filename="../../translator_app/gui/bubble_parts.py" line="242"/>
        <source>Medium, not high: a word of the input was not translated (dashed red line).</source>
        <translation>Mittel, nicht hoch: ein Wort der Eingabe wurde nicht übersetzt (gestrichelte rote Linie).</translation>
    </message>
    <message>
        <location filename="../../translator_app/gui/bubbles.py" line="139"/>
        <source>high confidence</source>
        <translation>hohe Sicherheit</translation>
    </message>
    <message>
        <location filename="../../translator_app/gui/bubbles.py" line="139"/>
        <source>medium confidence</source>
        <translation>mittlere Sicherheit</translation>
    </message>
    <message>
        <location filename="../../translator_app/gui/bubbles.py" line="140"/>
        <source>low confidence</source>
        <translation>niedrige Sicherheit</translation>
    </message>
    <message>
        <location filename="../../translator_app/gui/bubble_parts.py" line="226"/>
        <source>no model confidence</source>
        <translation>keine Modell-Sicherheit</translation>
    </message>
    <message>
        <location filename="../../translator_app/gui/bubble_parts.py" line="227"/>
        <source>This answer is not the model&apos;s own (it comes from the dictionary, the example sentences, a memory, or you), so the model&apos;s confidence does not apply to it.</source>
        <translation>Diese Antwort stammt nicht vom Modell (sondern aus dem Wörterbuch, den Beispielsätzen, einem Speicher oder von Ihnen), daher gilt die Sicherheit des Modells für sie nicht.</translation>
    </message>
</context>
<context>
    <name>ConversationView</name>
    <message>
        <location filename="../../translator_app/gui/conversation.py" line="21"/>
        <source>Conversation</source>
        <translation>Unterhaltung</translation>
    </message>
    <message>
        <location filename="../../translator_app/gui/conversation.py" line="27"/>
        <source>Type German or English below and press Enter.
Your translations appear here, with where the model looked.</source>
        <translation>Geben Sie unten deutschen oder englischen Text ein und drücken Sie die Eingabetaste.
Ihre Übersetzungen erscheinen hier, zusammen mit dem, worauf das Modell geachtet hat.</translation>
    </message>
</context>
<context>
    <name>DictionaryCard</name>
    <message>
        <location filename="../../translator_app/gui/dictionary_card.py" line="44"/>
        <location filename="../../translator_app/gui/dictionary_card.py" line="84"/>
        <source>Dictionary</source>
        <translation>Wörterbuch</translation>
    </message>
    <message>
        <location filename="../../translator_app/gui/dictionary_card.py" line="84"/>
        <source>Dictionary: {0}</source>
        <translation>Wörterbuch: {0}</translation>
    </message>
    <message>
        <location filename="../../translator_app/gui/dictionary_card.py" line="86"/>
        <source>No dictionary entries for “{0}”.</source>
        <translation>Keine Wörterbucheinträge für „{0}“.</translation>
    </message>
    <message numerus="yes">
        <location filename="../../translator_app/gui/dictionary_card.py" line="95"/>
        <source>%n more entries</source>
        <translation>
            <numerusform>%n weiterer Eintrag</numerusform>
            <numerusform>%n weitere Einträge</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../translator_app/gui/dictionary_card.py" line="96"/>
        <source>Show %n more dictionary entries</source>
        <translation>
            <numerusform>%n weiteren Wörterbucheintrag zeigen</numerusform>
            <numerusform>%n weitere Wörterbucheinträge zeigen</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../translator_app/gui/dictionary_card.py" line="120"/>
        <source>Entry {0}: {1}, {2}</source>
        <translation>Eintrag {0}: {1}, {2}</translation>
    </message>
    <message numerus="yes">
        <location filename="../../translator_app/gui/dictionary_card.py" line="137"/>
        <source>+%n more forms and phrases</source>
        <translation>
            <numerusform>+%n weitere Form oder Wendung</numerusform>
            <numerusform>+%n weitere Formen und Wendungen</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../translator_app/gui/dictionary_card.py" line="204"/>
        <source>Building the dictionary (first use)… {0}%</source>
        <translation>Das Wörterbuch wird eingerichtet (erste Benutzung)… {0} %</translation>
    </message>
    <message>
        <source>Preparing the example sentences (first use)… {0}%</source>
        <translation>Die Beispielsätze werden eingerichtet (erste Benutzung)… {0} %</translation>
    </message>
    <message>
        <location filename="../../translator_app/gui/dictionary_card.py" line="83"/>
        <source>Looking up…</source>
        <translation>Wird nachgeschlagen…</translation>
    </message>
    <message>
        <location filename="../../translator_app/gui/dictionary_card.py" line="104"/>
        <source>more…</source>
        <translation>mehr…</translation>
    </message>
</context>
<context>
    <name>DictionaryLookups</name>
    <message>
        <location filename="../../translator_app/gui/dictionary_card.py" line="259"/>
        <source>The dictionary is not available: {0}</source>
        <translation>Das Wörterbuch ist nicht verfügbar: {0}</translation>
    </message>
</context>
<context>
    <name>ErrorText</name>
    <message>
        <location filename="../../translator_app/gui/bubbles.py" line="447"/>
        <source>Copy</source>
        <translation>Kopieren</translation>
    </message>
    <message>
        <location filename="../../translator_app/gui/bubbles.py" line="449"/>
        <source>Copy all of it</source>
        <translation>Alles kopieren</translation>
    </message>
</context>
<context>
    <name>ExchangeWidget</name>
    <message>
        <location filename="../../translator_app/gui/bubbles.py"/>
        <source>from your memory</source>
        <translation>aus Ihrem Übersetzungsspeicher</translation>
    </message>
    <message>
        <location filename="../../translator_app/gui/bubbles.py"/>
        <source>your translation</source>
        <translation>Ihre Übersetzung</translation>
    </message>
    <message>
        <location filename="../../translator_app/gui/bubbles.py"/>
        <source>from a similar sentence ({0:.0%})</source>
        <translation>aus einem ähnlichen Satz ({0:.0%})</translation>
    </message>
    <message>
        <location filename="../../translator_app/gui/bubble_edit.py"/>
        <source>Edit</source>
        <translation>Bearbeiten</translation>
    </message>
    <message>
        <location filename="../../translator_app/gui/bubble_edit.py"/>
        <source>Correct the translation (or double-click it); your translation is kept in your memory</source>
        <translation>Die Übersetzung korrigieren (oder doppelt darauf klicken); Ihre Übersetzung kommt in Ihren Übersetzungsspeicher</translation>
    </message>
    <message>
        <location filename="../../translator_app/gui/bubble_edit.py"/>
        <source>Edit translation</source>
        <translation>Übersetzung bearbeiten</translation>
    </message>
    <message>
        <location filename="../../translator_app/gui/bubble_edit.py"/>
        <source>similar:</source>
        <translation>ähnlich:</translation>
    </message>
    <message>
        <location filename="../../translator_app/gui/bubble_edit.py"/>
        <source>A similar sentence from your memory or the examples, {0:.0%} alike; the underlined words differ. Click to use its translation.</source>
        <translation>Ein ähnlicher Satz aus Ihrem Übersetzungsspeicher oder den Beispielen, zu {0:.0%} gleich; die unterstrichenen Wörter weichen ab. Klicken Sie, um seine Übersetzung zu verwenden.</translation>
    </message>
    <message>
        <location filename="../../translator_app/gui/bubble_edit.py"/>
        <source>Similar sentence: {0} → {1}</source>
        <translation>Ähnlicher Satz: {0} → {1}</translation>
    </message>
    <message>
        <location filename="../../translator_app/gui/bubbles.py" line="195"/>
        <source>Not translated: the translation has nothing for this word.</source>
        <translation>Nicht übersetzt: Die Übersetzung enthält nichts für dieses Wort.</translation>
    </message>
    <message>
        <location filename="../../translator_app/gui/bubbles.py" line="196"/>
        <source>Said twice: the translation repeats this word.</source>
        <translation>Doppelt gesagt: Die Übersetzung wiederholt dieses Wort.</translation>
    </message>
    <message>
        <location filename="../../translator_app/gui/bubbles.py" line="175"/>
        <source>Translation of: {0}</source>
        <translation>Übersetzung von: {0}</translation>
    </message>
    <message numerus="yes">
        <location filename="../../translator_app/gui/bubbles.py" line="221"/>
        <source>Alternatives (%n)</source>
        <translation>
            <numerusform>Alternativen (%n)</numerusform>
            <numerusform>Alternativen (%n)</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../translator_app/gui/bubbles.py" line="222"/>
        <source>Show alternatives</source>
        <translation>Alternativen zeigen</translation>
    </message>
    <message>
        <location filename="../../translator_app/gui/bubbles.py" line="227"/>
        <source>Copy</source>
        <translation>Kopieren</translation>
    </message>
    <message>
        <location filename="../../translator_app/gui/bubbles.py" line="228"/>
        <source>Copy the translation to the clipboard</source>
        <translation>Die Übersetzung in die Zwischenablage kopieren</translation>
    </message>
    <message>
        <location filename="../../translator_app/gui/bubbles.py" line="229"/>
        <source>Copy translation</source>
        <translation>Übersetzung kopieren</translation>
    </message>
    <message>
        <location filename="../../translator_app/gui/bubbles.py" line="239"/>
        <source>score</source>
        <translation>Wert</translation>
    </message>
    <message>
        <location filename="../../translator_app/gui/bubbles.py" line="243"/>
        <source>Score: length-normalised log-probability (closer to 0 is better). Click to show this translation.</source>
        <translation>Wert: längennormierte Log-Wahrscheinlichkeit (näher an 0 ist besser). Klicken, um diese Übersetzung zu zeigen.</translation>
    </message>
    <message>
        <location filename="../../translator_app/gui/bubbles.py" line="245"/>
        <source>Alternative {0}: {1}</source>
        <translation>Alternative {0}: {1}</translation>
    </message>
    <message>
        <location filename="../../translator_app/gui/bubbles.py" line="294"/>
        <source>The model was {0:.0%} sure of this word.</source>
        <translation>Das Modell war sich bei diesem Wort zu {0:.0%} sicher.</translation>
    </message>
    <message>
        <location filename="../../translator_app/gui/bubbles.py" line="83"/>
        <source>from the dictionary</source>
        <translation>aus dem Wörterbuch</translation>
    </message>
    <message>
        <location filename="../../translator_app/gui/bubbles.py" line="84"/>
        <source>from the example sentences ({0})</source>
        <translation>aus den Beispielsätzen ({0})</translation>
    </message>
    <message>
        <location filename="../../translator_app/gui/bubbles.py" line="227"/>
        <source>Swap to {0} → {1}</source>
        <translation>Wechseln zu {0} → {1}</translation>
    </message>
    <message>
        <location filename="../../translator_app/gui/bubbles.py" line="227"/>
        <source>Change the direction and translate this text again</source>
        <translation>Die Richtung wechseln und diesen Text neu übersetzen</translation>
    </message>
    <message>
        <location filename="../../translator_app/gui/bubbles.py" line="227"/>
        <source>German</source>
        <translation>Deutsch</translation>
    </message>
    <message>
        <location filename="../../translator_app/gui/bubbles.py" line="227"/>
        <source>English</source>
        <translation>Englisch</translation>
    </message>
    <message>
        <location filename="../../translator_app/gui/bubbles.py"/>
        <source>The input is not valid text: {0} bytes could not be read as UTF-8.</source>
        <translation>Die Eingabe ist kein gültiger Text: {0} Bytes ließen sich nicht als UTF-8 lesen.</translation>
    </message>
    <message>
        <location filename="../../translator_app/gui/bubbles.py"/>
        <source>Chinese or Japanese</source>
        <translation>chinesischer oder japanischer</translation>
    </message>
    <message>
        <location filename="../../translator_app/gui/bubbles.py"/>
        <source>Cyrillic</source>
        <translation>kyrillischer</translation>
    </message>
    <message>
        <location filename="../../translator_app/gui/bubbles.py"/>
        <source>Greek</source>
        <translation>griechischer</translation>
    </message>
    <message>
        <location filename="../../translator_app/gui/bubbles.py"/>
        <source>Arabic</source>
        <translation>arabischer</translation>
    </message>
    <message>
        <location filename="../../translator_app/gui/bubbles.py"/>
        <source>Hebrew</source>
        <translation>hebräischer</translation>
    </message>
    <message>
        <location filename="../../translator_app/gui/bubbles.py"/>
        <source>The input is mostly {0} script, not {1}; this model translates only German and English.</source>
        <translation>Die Eingabe ist überwiegend in {0} Schrift, nicht {1}; dieses Modell übersetzt nur Deutsch und Englisch.</translation>
    </message>
    <message>
        <location filename="../../translator_app/gui/bubbles.py"/>
        <source>This looks like {0}, not {1}: swap the languages?</source>
        <translation>Das sieht nach {0} aus, nicht nach {1}: die Sprachen tauschen?</translation>
    </message>
</context>
<context>
    <name>HeatmapWidget</name>
    <message>
        <location filename="../../translator_app/gui/heatmap.py" line="185"/>
        <source>(end)</source>
        <translation>(Ende)</translation>
    </message>
    <message>
        <location filename="../../translator_app/gui/heatmap.py" line="163"/>
        <source>(end) is the end of the input: attention there means the model looked at no input word in particular.</source>
        <translation>(Ende) ist das Ende der Eingabe: Aufmerksamkeit dort heißt, dass das Modell auf kein bestimmtes Eingabewort geschaut hat.</translation>
    </message>
    <message>
        <location filename="../../translator_app/gui/heatmap.py" line="166"/>
        <source>&lt;/s&gt;: the end-of-sentence token.</source>
        <translation>&lt;/s&gt;: das Satzende-Token.</translation>
    </message>
    <message>
        <location filename="../../translator_app/gui/heatmap.py" line="38"/>
        <location filename="../../translator_app/gui/heatmap.py" line="360"/>
        <source>Attention heatmap</source>
        <translation>Attention-Heatmap</translation>
    </message>
    <message>
        <location filename="../../translator_app/gui/heatmap.py" line="45"/>
        <source>Translate something, or select a translation, to see where the model looked.</source>
        <translation>Übersetzen Sie etwas oder wählen Sie eine Übersetzung, um zu sehen, worauf das Modell geachtet hat.</translation>
    </message>
    <message numerus="yes">
        <location filename="../../translator_app/gui/heatmap.py" line="63"/>
        <source>%n target rows</source>
        <translation>
            <numerusform>%n Zielzeile</numerusform>
            <numerusform>%n Zielzeilen</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../translator_app/gui/heatmap.py" line="64"/>
        <source>%n source columns</source>
        <translation>
            <numerusform>%n Quellspalte</numerusform>
            <numerusform>%n Quellspalten</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../translator_app/gui/heatmap.py" line="178"/>
        <source>“{target}” → “{source}”: weight {weight:.3f}</source>
        <translation>„{target}“ → „{source}“: Gewicht {weight:.3f}</translation>
    </message>
    <message>
        <location filename="../../translator_app/gui/heatmap.py" line="181"/>
        <source>Word level: sum over source pieces, average over target pieces.</source>
        <translation>Wortebene: Summe über Quell-Teilwörter, Mittelwert über Ziel-Teilwörter.</translation>
    </message>
    <message>
        <location filename="../../translator_app/gui/heatmap.py" line="184"/>
        <source>“{0}”: no output word is its translation: possibly untranslated.</source>
        <translation>„{0}“: kein Ausgabewort ist seine Übersetzung: möglicherweise nicht übersetzt.</translation>
    </message>
    <message>
        <location filename="../../translator_app/gui/heatmap.py" line="186"/>
        <source>Repeated output attending one source word: possible loop.</source>
        <translation>Wiederholte Ausgabe auf ein Quellwort: mögliche Schleife.</translation>
    </message>
    <message>
        <location filename="../../translator_app/gui/heatmap.py" line="361"/>
        <source>Rows: target tokens; columns: source tokens; colour: attention weight (viridis).</source>
        <translation>Zeilen: Ziel-Token; Spalten: Quell-Token; Farbe: Attention-Gewicht (viridis).</translation>
    </message>
</context>
<context>
    <name>HistoryDialog</name>
    <message>
        <location filename="../../translator_app/gui/dialogs.py" line="112"/>
        <source>History</source>
        <translation>Verlauf</translation>
    </message>
    <message>
        <location filename="../../translator_app/gui/dialogs.py" line="114"/>
        <source>Search source and translation…</source>
        <translation>Quelltext und Übersetzung durchsuchen…</translation>
    </message>
    <message>
        <location filename="../../translator_app/gui/dialogs.py" line="115"/>
        <source>Search history</source>
        <translation>Verlauf durchsuchen</translation>
    </message>
    <message>
        <location filename="../../translator_app/gui/dialogs.py" line="118"/>
        <source>History entries</source>
        <translation>Verlaufseinträge</translation>
    </message>
    <message>
        <location filename="../../translator_app/gui/dialogs.py" line="122"/>
        <source>Export &amp;Markdown…</source>
        <translation>Als &amp;Markdown exportieren…</translation>
    </message>
    <message>
        <location filename="../../translator_app/gui/dialogs.py" line="123"/>
        <source>Export &amp;JSON…</source>
        <translation>Als &amp;JSON exportieren…</translation>
    </message>
    <message>
        <location filename="../../translator_app/gui/dialogs.py" line="124"/>
        <source>&amp;Clear history…</source>
        <translation>Verlauf &amp;löschen…</translation>
    </message>
    <message numerus="yes">
        <location filename="../../translator_app/gui/dialogs.py" line="152"/>
        <source>%n entries</source>
        <translation>
            <numerusform>%n Eintrag</numerusform>
            <numerusform>%n Einträge</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../translator_app/gui/dialogs.py" line="161"/>
        <source>Clear history</source>
        <translation>Verlauf löschen</translation>
    </message>
    <message>
        <location filename="../../translator_app/gui/dialogs.py" line="162"/>
        <source>Delete all stored translations? This cannot be undone.</source>
        <translation>Alle gespeicherten Übersetzungen löschen? Das lässt sich nicht rückgängig machen.</translation>
    </message>
</context>
<context>
    <name>InputPane</name>
    <message>
        <location filename="../../translator_app/gui/input_pane.py" line="124"/>
        <source>Text to translate</source>
        <translation>Zu übersetzender Text</translation>
    </message>
    <message>
        <location filename="../../translator_app/gui/input_pane.py" line="125"/>
        <source>Type or paste text, or drop a .txt file here…</source>
        <translation>Text eingeben oder einfügen, oder eine .txt-Datei hierher ziehen…</translation>
    </message>
    <message>
        <location filename="../../translator_app/gui/input_pane.py" line="128"/>
        <location filename="../../translator_app/gui/input_pane.py" line="130"/>
        <source>Translate</source>
        <translation>Übersetzen</translation>
    </message>
    <message>
        <location filename="../../translator_app/gui/input_pane.py" line="133"/>
        <source>Enter to translate · Shift+Enter for a new line</source>
        <translation>Eingabetaste: übersetzen · Umschalt+Eingabe: neue Zeile</translation>
    </message>
    <message>
        <location filename="../../translator_app/gui/input_pane.py" line="137"/>
        <source>Character count</source>
        <translation>Anzahl der Zeichen</translation>
    </message>
    <message numerus="yes">
        <location filename="../../translator_app/gui/input_pane.py" line="157"/>
        <source>%n character(s)</source>
        <translation>
            <numerusform>%n Zeichen</numerusform>
            <numerusform>%n Zeichen</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>LanguageBar</name>
    <message>
        <location filename="../../translator_app/gui/language_bar.py" line="22"/>
        <source>German</source>
        <translation>Deutsch</translation>
    </message>
    <message>
        <location filename="../../translator_app/gui/language_bar.py" line="22"/>
        <source>English</source>
        <translation>Englisch</translation>
    </message>
    <message>
        <location filename="../../translator_app/gui/language_bar.py" line="32"/>
        <source>Translate from {0} to {1}</source>
        <translation>Von {0} nach {1} übersetzen</translation>
    </message>
    <message>
        <location filename="../../translator_app/gui/language_bar.py" line="41"/>
        <source>Swap languages ({0}); the last translation moves into the input</source>
        <translation>Sprachen tauschen ({0}); die letzte Übersetzung wandert in die Eingabe</translation>
    </message>
    <message>
        <location filename="../../translator_app/gui/language_bar.py" line="43"/>
        <source>Swap languages</source>
        <translation>Sprachen tauschen</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../../translator_app/gui/window_commands.py"/>
        <source>Edit the selected translation</source>
        <translation>Die ausgewählte Übersetzung bearbeiten</translation>
    </message>
    <message>
        <location filename="../../translator_app/gui/window_commands.py" line="1"/>
        <source>Teach the model</source>
        <translation>Modell lernen lassen</translation>
    </message>
    <message>
        <location filename="../../translator_app/gui/window_commands.py" line="1"/>
        <source>Reset to the bundled model</source>
        <translation>Zurück zum mitgelieferten Modell</translation>
    </message>
    <message>
        <location filename="../../translator_app/gui/main_window.py" line="54"/>
        <location filename="../../translator_app/gui/main_window.py" line="56"/>
        <source>Translator</source>
        <translation>Übersetzer</translation>
    </message>
    <message>
        <location filename="../../translator_app/gui/main_window.py" line="84"/>
        <source>Loaded {0}</source>
        <translation>{0} geladen</translation>
    </message>
    <message>
        <location filename="../../translator_app/gui/main_window.py" line="85"/>
        <source>Could not read the file</source>
        <translation>Die Datei konnte nicht gelesen werden</translation>
    </message>
    <message>
        <location filename="../../translator_app/gui/main_window.py" line="87"/>
        <source>File shortened</source>
        <translation>Datei gekürzt</translation>
    </message>
    <message>
        <location filename="../../translator_app/gui/main_window.py" line="87"/>
        <source>Only the first {0:,} bytes of {1} were loaded.</source>
        <translation>Nur die ersten {0:,} Bytes von {1} wurden geladen.</translation>
    </message>
    <message>
        <location filename="../../translator_app/gui/main_window.py" line="92"/>
        <source>Quick preview</source>
        <translation>Schnellvorschau</translation>
    </message>
    <message>
        <location filename="../../translator_app/gui/main_window.py" line="105"/>
        <location filename="../../translator_app/gui/main_window.py" line="514"/>
        <source>Saved {0}</source>
        <translation>{0} gespeichert</translation>
    </message>
    <message>
        <location filename="../../translator_app/gui/main_window.py" line="106"/>
        <location filename="../../translator_app/gui/main_window.py" line="512"/>
        <source>Export failed</source>
        <translation>Export fehlgeschlagen</translation>
    </message>
    <message>
        <location filename="../../translator_app/gui/main_window.py" line="120"/>
        <source>Model</source>
        <translation>Modell</translation>
    </message>
    <message>
        <location filename="../../translator_app/gui/main_window.py" line="120"/>
        <location filename="../../translator_app/gui/main_window.py" line="267"/>
        <source>Device</source>
        <translation>Gerät</translation>
    </message>
    <message>
        <location filename="../../translator_app/gui/main_window.py" line="121"/>
        <source>Time of the last translation</source>
        <translation>Dauer der letzten Übersetzung</translation>
    </message>
    <message>
        <location filename="../../translator_app/gui/main_window.py" line="124"/>
        <source>Loading the model… you can already type.</source>
        <translation>Das Modell wird geladen… Sie können schon tippen.</translation>
    </message>
    <message>
        <location filename="../../translator_app/gui/main_window.py" line="140"/>
        <source>&amp;File</source>
        <translation>&amp;Datei</translation>
    </message>
    <message>
        <location filename="../../translator_app/gui/main_window.py" line="141"/>
        <source>&amp;Edit</source>
        <translation>&amp;Bearbeiten</translation>
    </message>
    <message>
        <location filename="../../translator_app/gui/main_window.py" line="142"/>
        <source>&amp;View</source>
        <translation>&amp;Ansicht</translation>
    </message>
    <message>
        <location filename="../../translator_app/gui/main_window.py" line="143"/>
        <source>&amp;Help</source>
        <translation>&amp;Hilfe</translation>
    </message>
    <message>
        <location filename="../../translator_app/gui/main_window.py" line="146"/>
        <source>Open text file…</source>
        <translation>Textdatei öffnen…</translation>
    </message>
    <message>
        <location filename="../../translator_app/gui/main_window.py" line="147"/>
        <location filename="../../translator_app/gui/main_window.py" line="292"/>
        <source>Open a model…</source>
        <translation>Modell öffnen…</translation>
    </message>
    <message>
        <location filename="../../translator_app/gui/main_window.py" line="148"/>
        <source>Export conversation as Markdown…</source>
        <translation>Unterhaltung als Markdown exportieren…</translation>
    </message>
    <message>
        <location filename="../../translator_app/gui/main_window.py" line="149"/>
        <source>Export conversation as JSON…</source>
        <translation>Unterhaltung als JSON exportieren…</translation>
    </message>
    <message>
        <location filename="../../translator_app/gui/main_window.py" line="150"/>
        <source>Quit</source>
        <translation>Beenden</translation>
    </message>
    <message>
        <location filename="../../translator_app/gui/main_window.py" line="151"/>
        <location filename="../../translator_app/gui/main_window.py" line="173"/>
        <source>Translate</source>
        <translation>Übersetzen</translation>
    </message>
    <message>
        <location filename="../../translator_app/gui/main_window.py" line="152"/>
        <source>Cancel translation</source>
        <translation>Übersetzung abbrechen</translation>
    </message>
    <message>
        <location filename="../../translator_app/gui/main_window.py" line="153"/>
        <source>Copy last translation</source>
        <translation>Letzte Übersetzung kopieren</translation>
    </message>
    <message>
        <location filename="../../translator_app/gui/main_window.py" line="154"/>
        <source>Swap languages</source>
        <translation>Sprachen tauschen</translation>
    </message>
    <message>
        <location filename="../../translator_app/gui/main_window.py" line="155"/>
        <source>Focus the input</source>
        <translation>Zur Eingabe springen</translation>
    </message>
    <message>
        <location filename="../../translator_app/gui/main_window.py" line="156"/>
        <source>Search history…</source>
        <translation>Verlauf durchsuchen…</translation>
    </message>
    <message>
        <location filename="../../translator_app/gui/main_window.py" line="157"/>
        <source>Settings…</source>
        <translation>Einstellungen…</translation>
    </message>
    <message>
        <location filename="../../translator_app/gui/main_window.py" line="159"/>
        <source>Toggle pieces / words</source>
        <translation>Teilwörter / Wörter umschalten</translation>
    </message>
    <message>
        <location filename="../../translator_app/gui/main_window.py" line="160"/>
        <source>Clear the conversation view</source>
        <translation>Unterhaltungsansicht leeren</translation>
    </message>
    <message>
        <location filename="../../translator_app/gui/main_window.py" line="161"/>
        <source>Keyboard shortcuts</source>
        <translation>Tastenkürzel</translation>
    </message>
    <message>
        <location filename="../../translator_app/gui/main_window.py" line="162"/>
        <source>About</source>
        <translation>Über</translation>
    </message>
    <message>
        <location filename="../../translator_app/gui/main_window.py" line="173"/>
        <source>Enter</source>
        <translation>Eingabetaste</translation>
    </message>
    <message>
        <location filename="../../translator_app/gui/main_window.py" line="173"/>
        <source>New line in the input</source>
        <translation>Neue Zeile in der Eingabe</translation>
    </message>
    <message>
        <location filename="../../translator_app/gui/main_window.py" line="173"/>
        <source>Shift+Enter</source>
        <translation>Umschalt+Eingabe</translation>
    </message>
    <message>
        <location filename="../../translator_app/gui/main_window.py" line="178"/>
        <source>Move between controls</source>
        <translation>Zwischen Bedienelementen wechseln</translation>
    </message>
    <message>
        <location filename="../../translator_app/gui/main_window.py" line="178"/>
        <source>Tab, Shift+Tab</source>
        <translation>Tab, Umschalt+Tab</translation>
    </message>
    <message>
        <location filename="../../translator_app/gui/main_window.py" line="188"/>
        <source>History</source>
        <translation>Verlauf</translation>
    </message>
    <message>
        <location filename="../../translator_app/gui/main_window.py" line="189"/>
        <location filename="../../translator_app/gui/main_window.py" line="457"/>
        <location filename="../../translator_app/gui/main_window.py" line="479"/>
        <source>Loading the model…</source>
        <translation>Das Modell wird geladen…</translation>
    </message>
    <message>
        <location filename="../../translator_app/gui/main_window.py" line="190"/>
        <source>Loading the model… The window works already; Translate works once it is ready.</source>
        <translation>Das Modell wird geladen… Das Fenster ist schon bedienbar; Übersetzen ist möglich, sobald es bereit ist.</translation>
    </message>
    <message>
        <location filename="../../translator_app/gui/main_window.py" line="258"/>
        <source>Model: {0}</source>
        <translation>Modell: {0}</translation>
    </message>
    <message>
        <location filename="../../translator_app/gui/main_window.py" line="260"/>
        <source>Device: {0}</source>
        <translation>Gerät: {0}</translation>
    </message>
    <message>
        <location filename="../../translator_app/gui/main_window.py" line="261"/>
        <source>Ready</source>
        <translation>Bereit</translation>
    </message>
    <message>
        <location filename="../../translator_app/gui/main_window.py" line="265"/>
        <source>Type or paste text, or drop a .txt file here…</source>
        <translation>Text eingeben oder einfügen, oder eine .txt-Datei hierher ziehen…</translation>
    </message>
    <message>
        <location filename="../../translator_app/gui/main_window.py" line="276"/>
        <source>No model loaded</source>
        <translation>Kein Modell geladen</translation>
    </message>
    <message>
        <location filename="../../translator_app/gui/main_window.py" line="287"/>
        <source>No model is loaded; see the message above.</source>
        <translation>Kein Modell geladen; siehe die Meldung oben.</translation>
    </message>
    <message>
        <location filename="../../translator_app/gui/main_window.py" line="288"/>
        <source>Could not load the model</source>
        <translation>Das Modell konnte nicht geladen werden</translation>
    </message>
    <message>
        <location filename="../../translator_app/gui/main_window.py" line="289"/>
        <source>Open another model bundle below, or start the app with translator-app --model PATH.</source>
        <translation>Öffnen Sie unten ein anderes Modellpaket oder starten Sie die App mit translator-app --model PFAD.</translation>
    </message>
    <message>
        <location filename="../../translator_app/gui/main_window.py" line="300"/>
        <source>Preview: {0}</source>
        <translation>Vorschau: {0}</translation>
    </message>
    <message>
        <location filename="../../translator_app/gui/main_window.py" line="317"/>
        <source>History not saved</source>
        <translation>Verlauf nicht gespeichert</translation>
    </message>
    <message>
        <location filename="../../translator_app/gui/main_window.py" line="319"/>
        <source>Last: {0:.0f} ms</source>
        <translation>Zuletzt: {0:.0f} ms</translation>
    </message>
    <message>
        <location filename="../../translator_app/gui/main_window.py" line="330"/>
        <source>Translation failed</source>
        <translation>Übersetzung fehlgeschlagen</translation>
    </message>
    <message numerus="yes">
        <location filename="../../translator_app/gui/main_window.py" line="354"/>
        <source>Queued: %n more waiting</source>
        <translation>
            <numerusform>Warteschlange: %n weitere wartet</numerusform>
            <numerusform>Warteschlange: %n weitere warten</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../translator_app/gui/main_window.py" line="363"/>
        <source>Translating “{0}”</source>
        <translation>Übersetze „{0}“</translation>
    </message>
    <message>
        <location filename="../../translator_app/gui/main_window.py" line="365"/>
        <source>Translating…</source>
        <translation>Übersetze…</translation>
    </message>
    <message>
        <location filename="../../translator_app/gui/main_window.py" line="383"/>
        <source>Cancelled</source>
        <translation>Abgebrochen</translation>
    </message>
    <message>
        <location filename="../../translator_app/gui/main_window.py" line="435"/>
        <source>Copied the last translation</source>
        <translation>Letzte Übersetzung kopiert</translation>
    </message>
    <message>
        <location filename="../../translator_app/gui/main_window.py" line="450"/>
        <source>Open a model bundle</source>
        <translation>Modellpaket öffnen</translation>
    </message>
    <message>
        <location filename="../../translator_app/gui/main_window.py" line="461"/>
        <source>Open text file</source>
        <translation>Textdatei öffnen</translation>
    </message>
    <message>
        <location filename="../../translator_app/gui/main_window.py" line="461"/>
        <source>Text files (*.txt)</source>
        <translation>Textdateien (*.txt)</translation>
    </message>
    <message>
        <location filename="../../translator_app/gui/main_window.py" line="502"/>
        <source>Export conversation</source>
        <translation>Unterhaltung exportieren</translation>
    </message>
    <message>
        <location filename="../../translator_app/gui/main_window.py" line="503"/>
        <source>Markdown (*.md)</source>
        <translation>Markdown (*.md)</translation>
    </message>
    <message>
        <location filename="../../translator_app/gui/main_window.py" line="503"/>
        <source>JSON (*.json)</source>
        <translation>JSON (*.json)</translation>
    </message>
    <message>
        <location filename="../../translator_app/gui/app.py" line="111"/>
        <source>Unexpected error</source>
        <translation>Unerwarteter Fehler</translation>
    </message>
</context>
<context>
    <name>ProgressBubble</name>
    <message>
        <location filename="../../translator_app/gui/bubbles.py" line="500"/>
        <source>Translation progress</source>
        <translation>Fortschritt der Übersetzung</translation>
    </message>
    <message>
        <location filename="../../translator_app/gui/bubbles.py" line="502"/>
        <source>Cancel</source>
        <translation>Abbrechen</translation>
    </message>
    <message>
        <location filename="../../translator_app/gui/bubbles.py" line="503"/>
        <source>Stop this translation (Esc)</source>
        <translation>Diese Übersetzung stoppen (Esc)</translation>
    </message>
    <message>
        <location filename="../../translator_app/gui/bubbles.py" line="504"/>
        <source>Cancel translation</source>
        <translation>Übersetzung abbrechen</translation>
    </message>
    <message>
        <location filename="../../translator_app/gui/bubbles.py" line="514"/>
        <source>%v of %m sentences</source>
        <translation>%v von %m Sätzen</translation>
    </message>
</context>
<context>
    <name>SettingsDialog</name>
    <message>
        <location filename="../../translator_app/gui/dialogs.py" line="21"/>
        <source>Settings</source>
        <translation>Einstellungen</translation>
    </message>
    <message>
        <location filename="../../translator_app/gui/dialogs.py" line="25"/>
        <source>Beam size</source>
        <translation>Strahlbreite</translation>
    </message>
    <message>
        <location filename="../../translator_app/gui/dialogs.py" line="26"/>
        <source>How many hypotheses beam search keeps; 1 = greedy (fastest)</source>
        <translation>Wie viele Hypothesen die Strahlsuche behält; 1 = gierig (am schnellsten)</translation>
    </message>
    <message>
        <location filename="../../translator_app/gui/dialogs.py" line="30"/>
        <source>Number of alternatives</source>
        <translation>Anzahl der Alternativen</translation>
    </message>
    <message>
        <location filename="../../translator_app/gui/dialogs.py" line="32"/>
        <source>Automatic</source>
        <translation>Automatisch</translation>
    </message>
    <message>
        <location filename="../../translator_app/gui/dialogs.py" line="36"/>
        <source>Device</source>
        <translation>Gerät</translation>
    </message>
    <message>
        <location filename="../../translator_app/gui/dialogs.py" line="37"/>
        <source>Translate as I type (quick preview)</source>
        <translation>Beim Tippen übersetzen (Schnellvorschau)</translation>
    </message>
    <message>
        <location filename="../../translator_app/gui/dialogs.py" line="39"/>
        <source>Translate as you type</source>
        <translation>Beim Tippen übersetzen</translation>
    </message>
    <message>
        <location filename="../../translator_app/gui/dialogs.py" line="41"/>
        <source>System</source>
        <translation>System</translation>
    </message>
    <message>
        <location filename="../../translator_app/gui/dialogs.py" line="41"/>
        <source>Light</source>
        <translation>Hell</translation>
    </message>
    <message>
        <location filename="../../translator_app/gui/dialogs.py" line="41"/>
        <source>Dark</source>
        <translation>Dunkel</translation>
    </message>
    <message>
        <location filename="../../translator_app/gui/dialogs.py" line="45"/>
        <source>Theme</source>
        <translation>Design</translation>
    </message>
    <message>
        <location filename="../../translator_app/gui/dialogs.py" line="48"/>
        <source>System default</source>
        <translation>Systemvorgabe</translation>
    </message>
    <message>
        <location filename="../../translator_app/gui/dialogs.py" line="51"/>
        <source>Font size</source>
        <translation>Schriftgröße</translation>
    </message>
    <message>
        <location filename="../../translator_app/gui/dialogs.py" line="53"/>
        <source>&amp;Beam size:</source>
        <translation>&amp;Strahlbreite:</translation>
    </message>
    <message>
        <location filename="../../translator_app/gui/dialogs.py" line="54"/>
        <source>&amp;Alternatives shown:</source>
        <translation>&amp;Angezeigte Alternativen:</translation>
    </message>
    <message>
        <location filename="../../translator_app/gui/dialogs.py" line="55"/>
        <source>&amp;Device:</source>
        <translation>&amp;Gerät:</translation>
    </message>
    <message>
        <location filename="../../translator_app/gui/dialogs.py" line="57"/>
        <source>&amp;Theme:</source>
        <translation>&amp;Design:</translation>
    </message>
    <message>
        <location filename="../../translator_app/gui/dialogs.py" line="58"/>
        <source>&amp;Font size:</source>
        <translation>Sc&amp;hriftgröße:</translation>
    </message>
    <message>
        <location filename="../../translator_app/gui/dialogs.py" line="59"/>
        <source>Changing the device reloads the model.</source>
        <translation>Ein Gerätewechsel lädt das Modell neu.</translation>
    </message>
</context>
<context>
    <name>ShortcutsDialog</name>
    <message>
        <location filename="../../translator_app/gui/dialogs.py" line="82"/>
        <location filename="../../translator_app/gui/dialogs.py" line="85"/>
        <source>Keyboard shortcuts</source>
        <translation>Tastenkürzel</translation>
    </message>
    <message>
        <location filename="../../translator_app/gui/dialogs.py" line="84"/>
        <source>Action</source>
        <translation>Aktion</translation>
    </message>
    <message>
        <location filename="../../translator_app/gui/dialogs.py" line="84"/>
        <source>Shortcut</source>
        <translation>Tastenkürzel</translation>
    </message>
</context>
<context>
    <name>ExamplesSection</name>
    <message>
        <source>Examples</source>
        <translation>Beispiele</translation>
    </message>
    <message>
        <source>Example {0}: {1} — {2} ({3})</source>
        <translation>Beispiel {0}: {1} — {2} ({3})</translation>
    </message>
    <message>
        <source>game dialogue</source>
        <translation>Spieldialog</translation>
    </message>
</context>
<context>
    <name>StepsView</name>
    <message>
        <location filename="../../translator_app/gui/steps_view.py"/>
        <source>Sentence</source>
        <translation>Satz</translation>
    </message>
    <message>
        <location filename="../../translator_app/gui/steps_view.py"/>
        <source>Decoding step</source>
        <translation>Dekodierschritt</translation>
    </message>
    <message>
        <location filename="../../translator_app/gui/steps_view.py"/>
        <source>Alive at this step</source>
        <translation>In diesem Schritt im Rennen</translation>
    </message>
    <message>
        <location filename="../../translator_app/gui/steps_view.py"/>
        <source>Finished: the n-best list (click one to follow it)</source>
        <translation>Fertig: die besten Übersetzungen (eine anklicken, um ihrem Weg zu folgen)</translation>
    </message>
    <message>
        <location filename="../../translator_app/gui/steps_view.py"/>
        <source>The n-best list</source>
        <translation>Die besten Übersetzungen</translation>
    </message>
    <message>
        <location filename="../../translator_app/gui/steps_view.py"/>
        <source>No step history for this translation. The steps are recorded when the model translates a text of up to 2,000 characters; an answer from the dictionary or the history, or a sentence translated in pieces, has none.</source>
        <translation>Für diese Übersetzung gibt es keine Schritte. Sie werden aufgezeichnet, wenn das Modell einen Text bis 2.000 Zeichen übersetzt; eine Antwort aus dem Wörterbuch oder dem Verlauf und ein stückweise übersetzter Satz haben keine.</translation>
    </message>
    <message>
        <location filename="../../translator_app/gui/steps_view.py"/>
        <source>Sentence {0}: {1}</source>
        <translation>Satz {0}: {1}</translation>
    </message>
    <message>
        <location filename="../../translator_app/gui/steps_view.py"/>
        <source>split off at step {0}</source>
        <translation>abgezweigt bei Schritt {0}</translation>
    </message>
    <message>
        <location filename="../../translator_app/gui/steps_view.py"/>
        <source>Step {0} of {1}</source>
        <translation>Schritt {0} von {1}</translation>
    </message>
    <message>
        <location filename="../../translator_app/gui/steps_view.py"/>
        <source>Next token after “{0}”</source>
        <translation>Nächstes Token nach „{0}“</translation>
    </message>
    <message>
        <location filename="../../translator_app/gui/steps_view.py"/>
        <source>First token</source>
        <translation>Erstes Token</translation>
    </message>
    <message>
        <location filename="../../translator_app/gui/steps_view.py"/>
        <source>(start)</source>
        <translation>(Anfang)</translation>
    </message>
    <message>
        <location filename="../../translator_app/gui/steps_view.py"/>
        <source>ends here</source>
        <translation>endet hier</translation>
    </message>
    <message>
        <location filename="../../translator_app/gui/steps_view.py"/>
        <source>Pause</source>
        <translation>Pause</translation>
    </message>
    <message>
        <location filename="../../translator_app/gui/steps_view.py"/>
        <source>Play</source>
        <translation>Abspielen</translation>
    </message>
</context>
<context>
    <name>CandidateBars</name>
    <message>
        <location filename="../../translator_app/gui/steps_view.py"/>
        <source>Candidates for the next token</source>
        <translation>Kandidaten für das nächste Token</translation>
    </message>
</context>
<context>
    <name>CorrectionController</name>
    <message>
        <location filename="../../translator_app/gui/corrections.py"/>
        <source>Not added to your memory</source>
        <translation>Nicht in Ihren Übersetzungsspeicher aufgenommen</translation>
    </message>
    <message>
        <location filename="../../translator_app/gui/corrections.py"/>
        <source>History not saved</source>
        <translation>Verlauf nicht gespeichert</translation>
    </message>
</context>
<context>
    <name>TranslationEditor</name>
    <message>
        <location filename="../../translator_app/gui/bubble_edit.py"/>
        <source>Your translation</source>
        <translation>Ihre Übersetzung</translation>
    </message>
    <message>
        <location filename="../../translator_app/gui/bubble_edit.py"/>
        <source>Enter saves your translation, Esc cancels, Shift+Enter starts a new line</source>
        <translation>Die Eingabetaste speichert Ihre Übersetzung, Esc bricht ab, Umschalt+Eingabe beginnt eine neue Zeile</translation>
    </message>
</context>
<context>
    <name>TeachController</name>
    <message>
        <location filename="../../translator_app/gui/teach_controller.py" line="1"/>
        <source>Teach a personal copy of the model your corrections; you can go on translating meanwhile</source>
        <translation>Einer persönlichen Kopie des Modells Ihre Korrekturen beibringen; Sie können währenddessen weiter übersetzen</translation>
    </message>
    <message>
        <location filename="../../translator_app/gui/teach_controller.py" line="1"/>
        <source>Teaching progress</source>
        <translation>Fortschritt beim Lernen</translation>
    </message>
    <message>
        <location filename="../../translator_app/gui/teach_controller.py" line="1"/>
        <source>Teaching… %p%</source>
        <translation>Lernt… %p%</translation>
    </message>
    <message>
        <location filename="../../translator_app/gui/teach_controller.py" line="1"/>
        <source>Cancel</source>
        <translation>Abbrechen</translation>
    </message>
    <message>
        <location filename="../../translator_app/gui/teach_controller.py" line="1"/>
        <source>Stop teaching; the model in use stays as it is</source>
        <translation>Lernen abbrechen; das verwendete Modell bleibt, wie es ist</translation>
    </message>
    <message>
        <location filename="../../translator_app/gui/teach_controller.py" line="1"/>
        <source>Teach the model ({0} new)</source>
        <translation>Modell lernen lassen ({0} neu)</translation>
    </message>
    <message>
        <location filename="../../translator_app/gui/teach_controller.py" line="1"/>
        <source>Could not teach the model</source>
        <translation>Das Modell konnte nicht lernen</translation>
    </message>
    <message>
        <location filename="../../translator_app/gui/teach_controller.py" line="1"/>
        <source>Nothing to teach</source>
        <translation>Nichts zu lernen</translation>
    </message>
    <message>
        <location filename="../../translator_app/gui/teach_controller.py" line="1"/>
        <source>Your translation memory is empty. Correct a translation first (Edit on its bubble); the model then learns your corrections.</source>
        <translation>Ihr Übersetzungsspeicher ist leer. Korrigieren Sie zuerst eine Übersetzung (Bearbeiten an ihrer Sprechblase); dann lernt das Modell Ihre Korrekturen.</translation>
    </message>
    <message>
        <location filename="../../translator_app/gui/teach_controller.py" line="1"/>
        <source>Could not reset the model</source>
        <translation>Das Modell konnte nicht zurückgesetzt werden</translation>
    </message>
    <message>
        <location filename="../../translator_app/gui/teach_controller.py" line="1"/>
        <source>Back to the bundled model</source>
        <translation>Zurück zum mitgelieferten Modell</translation>
    </message>
    <message>
        <location filename="../../translator_app/gui/teach_controller.py" line="1"/>
        <source>The bundled model is in use already</source>
        <translation>Das mitgelieferte Modell wird bereits verwendet</translation>
    </message>
    <message>
        <location filename="../../translator_app/gui/teach_controller.py" line="1"/>
        <source>The model has learned your corrections</source>
        <translation>Das Modell hat Ihre Korrekturen gelernt</translation>
    </message>
    <message numerus="yes">
        <location filename="../../translator_app/gui/teach_controller.py" line="1"/>
        <source>Taught the model %n correction(s) in {0} s</source>
        <translation>
            <numerusform>Dem Modell %n Korrektur in {0} s beigebracht</numerusform>
            <numerusform>Dem Modell %n Korrekturen in {0} s beigebracht</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../translator_app/gui/teach_controller.py" line="1"/>
        <source>Not every correction was learned</source>
        <translation>Nicht jede Korrektur wurde gelernt</translation>
    </message>
    <message numerus="yes">
        <location filename="../../translator_app/gui/teach_controller.py" line="1"/>
        <source>%n of your corrections still come(s) only from your memory, not from the model alone (too long, or too near other sentences to change safely).</source>
        <translation>
            <numerusform>%n Ihrer Korrekturen kommt weiterhin nur aus Ihrem Speicher, nicht vom Modell allein (zu lang oder zu nah an anderen Sätzen, um sie gefahrlos zu ändern).</numerusform>
            <numerusform>%n Ihrer Korrekturen kommen weiterhin nur aus Ihrem Speicher, nicht vom Modell allein (zu lang oder zu nah an anderen Sätzen, um sie gefahrlos zu ändern).</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../translator_app/gui/teach_controller.py" line="1"/>
        <source>too long for the model to learn</source>
        <translation>zu lang, als dass das Modell sie lernen könnte</translation>
    </message>
    <message>
        <location filename="../../translator_app/gui/teach_controller.py" line="1"/>
        <source>too near other sentences to change safely</source>
        <translation>zu nah an anderen Sätzen, um sie gefahrlos zu ändern</translation>
    </message>
    <message>
        <location filename="../../translator_app/gui/teach_controller.py" line="1"/>
        <source>not learned within the step limit: try translator-app teach --steps</source>
        <translation>in der Schrittzahl nicht gelernt: versuchen Sie translator-app teach --steps</translation>
    </message>
    <message>
        <location filename="../../translator_app/gui/teach_controller.py" line="1"/>
        <source>Not learned: “{0}” → “{1}” ({2})</source>
        <translation>Nicht gelernt: „{0}“ → „{1}“ ({2})</translation>
    </message>
    <message numerus="yes">
        <location filename="../../translator_app/gui/teach_controller.py" line="1"/>
        <source>…and %n more.</source>
        <translation>
            <numerusform>…und %n weitere.</numerusform>
            <numerusform>…und %n weitere.</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../translator_app/gui/teach_controller.py" line="1"/>
        <source>Your memory still answers these exactly, so nothing is lost.</source>
        <translation>Ihr Übersetzungsspeicher liefert diese weiterhin genau so; es geht also nichts verloren.</translation>
    </message>
    <message>
        <location filename="../../translator_app/gui/teach_controller.py" line="1"/>
        <source>For the model to learn a long one, translate and correct it a sentence at a time, then teach again.</source>
        <translation>Damit das Modell eine lange Korrektur lernt, übersetzen und korrigieren Sie den Text Satz für Satz und lassen Sie es dann erneut lernen.</translation>
    </message>
    <message>
        <location filename="../../translator_app/gui/teach_controller.py" line="1"/>
        <source>Teaching cancelled; the model in use is unchanged</source>
        <translation>Lernen abgebrochen; das verwendete Modell ist unverändert</translation>
    </message>
    <message>
        <location filename="../../translator_app/gui/teach_controller.py" line="1"/>
        <source>Taught: the personal model is used when the app runs with its bundled model</source>
        <translation>Gelernt: Das persönliche Modell wird verwendet, wenn die App mit ihrem mitgelieferten Modell läuft</translation>
    </message>
</context>
<context>
    <name>ModelInfo</name>
    <message>
        <location filename="../../translator_app/gui/model_info.py" line="1"/>
        <source>{0} + {1} of your corrections</source>
        <translation>{0} + {1} Ihrer Korrekturen</translation>
    </message>
</context>
</TS>
