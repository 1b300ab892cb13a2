/** German function words (written with umlauts and ß; folded like every token). */
export const de = `aber alle allem allen aller alles als also am an andere anderen auch auf aus bei beim bereits bin bis bisher
bist da dabei damit dann das dass daß dem den denen denn der des dessen dich die dies diese diesem diesen dieser dieses dir
doch dort du durch ein eine einem einen einer eines einige er es etwa etwas euch euer für gegen gewesen hab habe haben
hat hatte hatten hier hin hinter ich ihm ihn ihnen ihr ihre ihrem ihren ihrer im in ins ist ja jede jedem jeden jeder
jedes jetzt kann kein keine keinen können könnte man mehr mein meine mich mir mit muss müssen nach neue neuen nicht nichts
noch nun nur ob oder ohne schon sehr sei sein seine seinem seinen seiner seit sich sie sind so sollen soll sondern sowie
über um und uns unser unter viel viele vom von vor war waren warum was weil weiter welche welcher wenn wer werden wie
wieder will wir wird wo wurde wurden worden zu zum zur zwei zwischen jahr jahre jahren sagte heute gestern`;
