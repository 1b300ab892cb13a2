/** Portuguese function words (written with accents; folded like every token). */
export const pt = `a à ao aos aquela aquele aqui as às até após cada com como contra da das de dela dele deles desde do dos
e é ela elas ele eles em entre era eram essa essas esse esses esta está estão estas este estes eu foi foram há isso isto
já lhe lhes mais mas me mesmo mesma meu minha muito muita muitos na nas não nem no nos nós num numa o os ou onde outra
outras outro outros para pela pelas pelo pelos per por porque pouco quando que quem se sem ser será seu seus sido sob
sobre sua suas também tanto te tem têm ter teve tinha toda todas todo todos tudo um uma umas uns vai vão você vocês
ainda ano anos disse diz pode podem hoje ontem além agora`;
