/** French function words (written with accents; folded like every token; elided l', d', qu' are cut by the tokeniser). */
export const fr = `à ainsi alors après au aucun aussi autre autres aux avait avaient avant avec avoir bien c ça car ce ceci cela
celle celles celui ces cet cette chaque chez comme comment contre dans de depuis des deux dont du elle elles en encore
entre est et été était étaient être eu eux fait faire fois font il ils je jusqu la le les leur leurs lors lui ma mais me
même mes moi moins mon ne ni non nos notre nous on ont ou où par parce pas peu peut plus pour pourquoi puis quand que
quel quelle quelles quels qui sa sans se selon sera seront ses si son sont sous sur ta te tes toi ton tous tout toute
toutes très tu un une vers vos votre vous y an ans année déjà dit entre aujourd hui hier`;
